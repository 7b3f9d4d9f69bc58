package io.scaleplan.compiler.emit.sim;

import io.scaleplan.compiler.render.Headers;
import io.scaleplan.compiler.render.Numbers;
import io.scaleplan.compiler.simulate.ServiceRun;
import io.scaleplan.compiler.simulate.Simulation;

/**
 * {@code timeline.csv}: at every sync, per service, the load, the replicas asked for, the ready
 * pods and their capacity; and the plan's PostgreSQL connections. After the two {@code #} header
 * lines, plain CSV.
 */
public final class TimelineCsv {
    public static final String COLUMNS = "second,service,load_rps,replicas,ready_pods,ready_capacity_rps,connections";

    private TimelineCsv() {}

    public static String render(Simulation sim) {
        StringBuilder out = new StringBuilder(Headers.comment("#", sim.plan()));
        out.append(COLUMNS).append('\n');
        int sync = sim.options().controller().syncSeconds();
        for (int t = 0; t < sim.seconds(); t += sync) {
            long connections = sim.connectionsAt(t, false);
            for (ServiceRun r : sim.runs()) {
                out.append(t)
                        .append(',')
                        .append(r.service())
                        .append(',')
                        .append(Numbers.format(r.loadAt(t)))
                        .append(',')
                        .append(r.replicasAt(t))
                        .append(',')
                        .append(r.readyAt(t))
                        .append(',')
                        .append(r.readyCapacityAt(t))
                        .append(',')
                        .append(connections)
                        .append('\n');
            }
        }
        return out.toString();
    }
}
