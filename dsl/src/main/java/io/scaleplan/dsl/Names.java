package io.scaleplan.dsl;

import java.util.regex.Pattern;

/** The naming rules of Kubernetes and Helm that plan names must follow. */
final class Names {
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern HELM_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern METRIC_NAME = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:.\\-]*");
    private static final Pattern CHART_REFERENCE = Pattern.compile("[A-Za-z0-9._/@:][A-Za-z0-9._/@:-]*");

    static final String DNS_1123_LABEL_RULE =
            "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";
    static final String HELM_KEY_RULE = "a letter, then letters, digits or '_', usable as .Values.<key> in a template";
    static final String METRIC_NAME_RULE = "letters, digits, '_', ':', '.' or '-', not starting with a digit";
    static final String CHART_REFERENCE_RULE =
            "a chart path or repo/name: letters, digits and . _ / @ : -, not starting with '-', no spaces or quotes";

    private Names() {}

    static boolean isDns1123Label(String s) {
        return s != null && s.length() <= 63 && DNS_1123_LABEL.matcher(s).matches();
    }

    static boolean isHelmKey(String s) {
        return s != null && s.length() <= 63 && HELM_KEY.matcher(s).matches();
    }

    static boolean isMetricName(String s) {
        return s != null && s.length() <= 253 && METRIC_NAME.matcher(s).matches();
    }

    static boolean isChartReference(String s) {
        return s != null && s.length() <= 253 && CHART_REFERENCE.matcher(s).matches() && !s.contains("..");
    }

    /** {@code usage-metering} becomes {@code usageMetering}, the runbook's Helm values key. */
    static String lowerCamel(String dnsLabel) {
        StringBuilder out = new StringBuilder(dnsLabel.length());
        boolean upper = false;
        for (int i = 0; i < dnsLabel.length(); i++) {
            char c = dnsLabel.charAt(i);
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** A value as it appears in a message: strings quoted, so that blanks and empties show. */
    static String show(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
