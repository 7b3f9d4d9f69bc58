package io.scaleplan.compiler.simulate;

import java.util.List;

/** A CSV load profile that cannot be read: every problem, each as {@code file:line: error: [SP500] ...}. */
public final class LoadFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public LoadFileException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in line order. */
    public List<String> problems() {
        return problems;
    }
}
