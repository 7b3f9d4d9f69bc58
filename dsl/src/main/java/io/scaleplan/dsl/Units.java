package io.scaleplan.dsl;

import java.time.Duration;

/**
 * Unit factories for plans, meant for static import:
 *
 * <pre>{@code
 * import static io.scaleplan.dsl.Units.*;
 *
 * s.requests(cores(1), gib(2)).limits(millicores(1500), mib(3072))
 *  .capacityPerPod(rps(1_000))
 *  .maxUnavailable(pods(1));
 * a.cpuUtilization(percent(70));
 * up.stabilizationWindow(seconds(0)).policy(percent(100), seconds(15));
 * }</pre>
 *
 * Each factory rejects a negative amount with an {@link IllegalArgumentException} naming it.
 */
public final class Units {
    private Units() {}

    /** Whole CPU cores: {@code cores(2)} is {@code 2} in Kubernetes. */
    public static Cpu cores(long cores) {
        if (cores < 0) {
            throw new IllegalArgumentException("CPU must not be negative: " + cores + " cores");
        }
        return new Cpu(Math.multiplyExact(cores, 1000L));
    }

    /** Thousandths of a core: {@code millicores(500)} is {@code 500m} in Kubernetes. */
    public static Cpu millicores(long millicores) {
        return new Cpu(millicores);
    }

    /** A size in bytes. */
    public static Memory bytes(long bytes) {
        return new Memory(bytes);
    }

    /** Kibibytes (1024 bytes): {@code kib(512)} is {@code 512Ki}. */
    public static Memory kib(long kib) {
        return Memory.of(kib, Memory.KIB, "Ki");
    }

    /** Mebibytes (1024² bytes): {@code mib(512)} is {@code 512Mi}. */
    public static Memory mib(long mib) {
        return Memory.of(mib, Memory.MIB, "Mi");
    }

    /** Gibibytes (1024³ bytes): {@code gib(2)} is {@code 2Gi}. */
    public static Memory gib(long gib) {
        return Memory.of(gib, Memory.GIB, "Gi");
    }

    /** Tebibytes (1024⁴ bytes). */
    public static Memory tib(long tib) {
        return Memory.of(tib, Memory.TIB, "Ti");
    }

    /** A whole percentage: {@code percent(70)}. */
    public static Percent percent(int percent) {
        return new Percent(percent);
    }

    /** A request rate: {@code rps(1_000)} is a thousand requests per second. */
    public static Rps rps(long requestsPerSecond) {
        return new Rps(requestsPerSecond);
    }

    /** A whole number of pods: {@code pods(1)}. */
    public static PodCount pods(int pods) {
        return new PodCount(pods);
    }

    /** A duration in seconds, for stabilization windows and policy periods. */
    public static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    /** A duration in minutes. */
    public static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    /** A duration in hours. */
    public static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }
}
