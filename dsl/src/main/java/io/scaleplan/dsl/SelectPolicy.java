package io.scaleplan.dsl;

/** How an HPA picks among several scaling policies ({@code selectPolicy}). */
public enum SelectPolicy {
    /** The policy allowing the largest change (the API default). */
    MAX("Max"),
    /** The policy allowing the smallest change. */
    MIN("Min"),
    /** No scaling in this direction at all. */
    DISABLED("Disabled");

    private final String apiValue;

    SelectPolicy(String apiValue) {
        this.apiValue = apiValue;
    }

    /** The value as the Kubernetes API spells it: {@code Max}, {@code Min}, {@code Disabled}. */
    public String apiValue() {
        return apiValue;
    }
}
