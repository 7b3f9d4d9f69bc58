package io.scaleplan.processor;

/** A chart the processor cannot read: one javac error, {@code [ruleId] message}. */
final class ChartException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String ruleId;

    ChartException(String ruleId, String message) {
        super(message);
        this.ruleId = ruleId;
    }

    String ruleId() {
        return ruleId;
    }
}
