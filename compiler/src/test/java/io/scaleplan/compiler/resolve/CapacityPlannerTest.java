package io.scaleplan.compiler.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.scaleplan.dsl.Cpu;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.NodePool;
import io.scaleplan.dsl.SourceLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class CapacityPlannerTest {
    private static final long NODE_CPU = 4_000;
    private static final long NODE_MEMORY = 16L << 30;

    /** First-fit-decreasing as first written: every pod scans the nodes from the first. */
    private static int naivePlaced(List<CapacityPlanner.PodGroup> groups, int nodes) {
        List<long[]> pods = new ArrayList<>();
        for (CapacityPlanner.PodGroup g : groups) {
            for (int i = 0; i < g.count(); i++) {
                pods.add(new long[] {g.cpu().millicores(), g.memory().bytes()});
            }
        }
        pods.sort(Comparator.comparingDouble(
                        (long[] p) -> Math.max(p[0] / (double) NODE_CPU, p[1] / (double) NODE_MEMORY))
                .reversed());
        long[][] free = new long[nodes][];
        for (int i = 0; i < nodes; i++) {
            free[i] = new long[] {NODE_CPU, NODE_MEMORY};
        }
        int placed = 0;
        for (long[] pod : pods) {
            for (long[] node : free) {
                if (node[0] >= pod[0] && node[1] >= pod[1]) {
                    node[0] -= pod[0];
                    node[1] -= pod[1];
                    placed++;
                    break;
                }
            }
        }
        return placed;
    }

    @Property(tries = 500)
    void placesAsManyPodsAsFirstFitDecreasingScanningFromTheFirstNode(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 6) Integer> sizes,
            @ForAll @IntRange(min = 1, max = 8) int nodes) {
        List<CapacityPlanner.PodGroup> groups = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            int size = sizes.get(i);
            // CPU and memory shares that differ in order, so sizes interleave after sorting.
            groups.add(new CapacityPlanner.PodGroup(
                    "s" + i, 1 + (i * 7) % 5, new Cpu(size * 450L), new Memory((7 - size) * (1L << 30))));
        }
        NodePool pool = new NodePool(
                "pool",
                new Cpu(NODE_CPU + 100),
                new Memory(NODE_MEMORY + (1L << 20)),
                1,
                nodes,
                new Cpu(100),
                new Memory(1L << 20),
                SourceLocation.UNKNOWN);

        assertThat(CapacityPlanner.fit(pool, groups).podsThatFit()).isEqualTo(naivePlaced(groups, nodes));
    }
}
