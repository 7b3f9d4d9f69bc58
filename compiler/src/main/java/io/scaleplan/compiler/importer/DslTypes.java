package io.scaleplan.compiler.importer;

import com.palantir.javapoet.ClassName;

/** The DSL types the written plan names, and the DSL's naming rules. */
final class DslTypes {
    static final ClassName WORKLOAD = ClassName.get("io.scaleplan.dsl", "Workload");
    static final ClassName STORAGE_TYPE = ClassName.get("io.scaleplan.dsl", "StorageType");
    static final ClassName DATABASE_SIZE = ClassName.get("io.scaleplan.dsl", "DatabaseSize");

    private static final java.util.regex.Pattern LABEL =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final java.util.regex.Pattern HELM_KEY = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private DslTypes() {}

    /** Whether {@code name} is a DNS-1123 label, as Kubernetes names Deployments and releases. */
    static boolean isDns1123Label(String name) {
        return name != null && name.length() <= 63 && LABEL.matcher(name).matches();
    }

    /** Whether {@code key} can be a top-level Helm values key of a service. */
    static boolean isHelmKey(String key) {
        return key != null && HELM_KEY.matcher(key).matches();
    }
}
