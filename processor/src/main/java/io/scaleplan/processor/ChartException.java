package io.scaleplan.processor;

import io.scaleplan.dsl.RuleId;

/** A chart the processor cannot read: one javac error, {@code [ruleId] message}. */
final class ChartException extends Exception {
    private static final long serialVersionUID = 1L;
    private final RuleId ruleId;

    ChartException(RuleId ruleId, String message) {
        super(message);
        this.ruleId = ruleId;
    }

    RuleId ruleId() {
        return ruleId;
    }
}
