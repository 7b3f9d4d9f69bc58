package io.scaleplan.compiler.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two lists of entries (SQL statements, config directives) that have a key and a value.
 * An entry whose key appears once on each side is reported as {@code key: old → new}; anything
 * else as whole entries removed ({@code - text}) and added ({@code + text}).
 */
final class KeyedEntries {

    /** One statement or directive: {@code key} identifies it, {@code value} is what may change. */
    record Entry(String key, String value, String text) {}

    private KeyedEntries() {}

    static List<SemanticChange> compare(String subject, List<Entry> before, List<Entry> after) {
        Map<String, List<Entry>> old = group(before);
        Map<String, List<Entry>> now = group(after);
        List<SemanticChange> changes = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> e : old.entrySet()) {
            List<Entry> was = e.getValue();
            List<Entry> is = now.getOrDefault(e.getKey(), List.of());
            if (was.size() == 1 && is.size() == 1) {
                if (!was.get(0).value().equals(is.get(0).value())) {
                    changes.add(new SemanticChange(
                            subject,
                            e.getKey() + ": " + was.get(0).value() + " → "
                                    + is.get(0).value()));
                }
                continue;
            }
            List<String> wasTexts = texts(was);
            List<String> isTexts = texts(is);
            for (String text : wasTexts) {
                if (!isTexts.remove(text)) {
                    changes.add(new SemanticChange(subject, "- " + text));
                }
            }
            for (String text : isTexts) {
                changes.add(new SemanticChange(subject, "+ " + text));
            }
        }
        for (Map.Entry<String, List<Entry>> e : now.entrySet()) {
            if (!old.containsKey(e.getKey())) {
                e.getValue().forEach(entry -> changes.add(new SemanticChange(subject, "+ " + entry.text())));
            }
        }
        return changes;
    }

    private static Map<String, List<Entry>> group(List<Entry> entries) {
        Map<String, List<Entry>> byKey = new LinkedHashMap<>();
        entries.forEach(
                e -> byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e));
        return byKey;
    }

    private static List<String> texts(List<Entry> entries) {
        List<String> texts = new ArrayList<>();
        entries.forEach(e -> texts.add(e.text()));
        return texts;
    }
}
