package io.scaleplan.cli;

import io.scaleplan.compiler.check.Rules;
import io.scaleplan.compiler.load.LoadedPlan;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Selecting plans by name on the command line. */
final class Plans {
    private Plans() {}

    /**
     * The plans named in {@code only} (all when empty), or null after printing which names are
     * unknown. A plan is known by its declared name even when its definition failed, so selecting
     * it reports its errors. Plans whose name is declared twice (SP006) are always included: no
     * selection hides that one of them would overwrite the other.
     */
    static List<LoadedPlan> select(List<LoadedPlan> all, List<String> only, PrintWriter err) {
        if (only.isEmpty()) {
            return all;
        }
        Set<String> known = new TreeSet<>();
        all.forEach(p -> known.add(p.name()));
        Set<String> unknown = new TreeSet<>(only);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            err.println("error: no such plan: " + String.join(", ", unknown) + " (known: " + String.join(", ", known)
                    + ")");
            err.flush();
            return null;
        }
        return all.stream()
                .filter(p -> only.contains(p.name()) || isDuplicate(p))
                .toList();
    }

    private static boolean isDuplicate(LoadedPlan p) {
        return p.problems().stream().anyMatch(d -> d.ruleId().equals(Rules.DUPLICATE.id()));
    }
}
