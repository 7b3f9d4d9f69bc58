package io.scaleplan.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Prints the shapes of an estate as JSON, so the cdk8s peer synthesizes exactly the services
 * scaleplan compiles: {@code java -cp bench/target/classes io.scaleplan.bench.EstateJson N [SEED]}.
 */
public final class EstateJson {
    private EstateJson() {}

    public static void main(String[] args) {
        int services = Integer.parseInt(args[0]);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : Estate.DEFAULT_SEED;
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.print(json(Estate.shape(services, seed)));
        out.flush();
    }

    /** One object per service, in the estate's order; names are DNS labels, so nothing needs escaping. */
    static String json(List<Estate.Shape> shapes) {
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < shapes.size(); i++) {
            Estate.Shape s = shapes.get(i);
            b.append(String.format(
                    Locale.ROOT,
                    "{\"name\":\"%s\",\"cpuMillis\":%d,\"memoryMib\":%d,\"autoscaled\":%b,\"min\":%d,\"max\":%d,"
                            + "\"cpuTarget\":%d,\"memoryTarget\":%d,\"rpsPerPod\":%d,\"podsMetric\":%b,"
                            + "\"behavior\":%b,\"minAvailable\":%b}",
                    s.name(),
                    s.cpuMillis(),
                    s.memoryMib(),
                    s.autoscaled(),
                    s.min(),
                    s.max(),
                    s.cpuTarget(),
                    s.memoryTarget(),
                    s.rpsPerPod(),
                    s.podsMetric(),
                    s.behavior(),
                    s.minAvailable()));
            b.append(i + 1 < shapes.size() ? ",\n" : "\n");
        }
        return b.append("]\n").toString();
    }
}
