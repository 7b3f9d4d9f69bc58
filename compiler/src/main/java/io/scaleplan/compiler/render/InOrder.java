package io.scaleplan.compiler.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Work on many items at once, their results in the items' order: the compiler's rendering of a
 * large plan's documents and the sync's hashing and comparing of a large folder's files.
 */
public final class InOrder {
    private InOrder() {}

    /**
     * {@code work} applied to each of {@code items}, in their order: on every core (the common pool
     * and this thread) when there are at least {@code from} of them and more than one core, else on
     * this thread, with no thread started. Returns when every call has returned; a failure is thrown
     * as itself, not as the copy wrapping it that a worker's failure comes back as. {@code work}
     * must read only what it is given.
     */
    public static <T, R> List<R> map(List<T> items, int from, Function<T, R> work) {
        if (items.size() < from || Runtime.getRuntime().availableProcessors() < 2) {
            List<R> out = new ArrayList<>(items.size());
            items.forEach(item -> out.add(work.apply(item)));
            return out;
        }
        try {
            return items.parallelStream().map(work).toList();
        } catch (RuntimeException e) {
            throw e.getCause() instanceof RuntimeException r && r.getClass() == e.getClass() ? r : e;
        }
    }
}
