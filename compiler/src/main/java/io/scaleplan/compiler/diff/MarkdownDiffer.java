package io.scaleplan.compiler.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Markdown reports ({@code CAPACITY.md}, {@code APPLY.md}): a table cell is keyed by its section,
 * its row's first cell and its column, so a change reads {@code Services · usage-metering · max
 * pods: 20 → 50}; other lines are compared as whole lines per section. HTML comments (the
 * generated-file header) and blank lines are ignored.
 */
final class MarkdownDiffer implements FileDiffer {

    @Override
    public List<SemanticChange> describe(String path, String before, String after) {
        List<Cell> was = new ArrayList<>();
        List<Cell> is = new ArrayList<>();
        java.util.Set<String> wasRows = new java.util.LinkedHashSet<>();
        java.util.Set<String> isRows = new java.util.LinkedHashSet<>();
        List<SemanticChange> changes = new ArrayList<>();
        java.util.Map<String, String> renamed = renamedSections(before, after);
        renamed.forEach((old, now) -> changes.add(new SemanticChange(path, "section " + old + " → " + now)));
        parse(before, was, wasRows, renamed);
        parse(after, is, isRows, java.util.Map.of());
        wasRows.stream().filter(r -> !isRows.contains(r)).forEach(r -> changes.add(new SemanticChange(path, "- " + r)));
        isRows.stream().filter(r -> !wasRows.contains(r)).forEach(r -> changes.add(new SemanticChange(path, "+ " + r)));
        // cells of rows on one side only are covered by the row lines above
        was.removeIf(e -> e.row() != null && !isRows.contains(e.row()));
        is.removeIf(e -> e.row() != null && !wasRows.contains(e.row()));
        changes.addAll(KeyedEntries.compare(path, entries(was), entries(is)));
        return changes;
    }

    private record Cell(String row, KeyedEntries.Entry entry) {}

    private static List<KeyedEntries.Entry> entries(List<Cell> cells) {
        return cells.stream().map(Cell::entry).toList();
    }

    /** Table cells and other lines of {@code text} into {@code out}; the keys of table rows into {@code rows}. */
    private static void parse(
            String text, List<Cell> out, java.util.Set<String> rows, java.util.Map<String, String> renamed) {
        List<Cell> entries = out;
        String section = "";
        List<String> header = null;
        boolean fenced = false;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("```")) {
                fenced = !fenced;
                header = null;
                continue;
            }
            if (line.isEmpty() || (line.startsWith("<!--") && line.endsWith("-->"))) {
                header = line.isEmpty() ? null : header;
                continue;
            }
            if (fenced) {
                entries.add(new Cell(null, new KeyedEntries.Entry(prefix(section) + line, "", prefix(section) + line)));
                continue;
            }
            if (line.startsWith("#")) {
                section = line.replaceFirst("^#+\\s*", "");
                section = renamed.getOrDefault(section, section);
                header = null;
                continue;
            }
            if (line.startsWith("|") && line.endsWith("|")) {
                List<String> cells = cells(line);
                if (header == null) {
                    header = cells;
                } else if (!cells.stream().allMatch(c -> c.matches(":?-{3,}:?"))) {
                    String row = prefix(section) + cells.get(0);
                    rows.add(row);
                    for (int i = 1; i < cells.size(); i++) {
                        String column = i < header.size() ? header.get(i) : "column " + (i + 1);
                        entries.add(new Cell(
                                row,
                                new KeyedEntries.Entry(
                                        row + " · " + column,
                                        cells.get(i),
                                        row + " · " + column + ": " + cells.get(i))));
                    }
                }
                continue;
            }
            header = null;
            entries.add(new Cell(null, new KeyedEntries.Entry(prefix(section) + line, "", prefix(section) + line)));
        }
    }

    /**
     * Headings whose text changed in place (the same number of headings, this one different at
     * the same position, such as a step that names the values it applies): old text → new text.
     */
    private static java.util.Map<String, String> renamedSections(String before, String after) {
        List<String> was = headings(before);
        List<String> is = headings(after);
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (was.size() != is.size()) {
            return out;
        }
        for (int i = 0; i < was.size(); i++) {
            if (!was.get(i).equals(is.get(i)) && !is.contains(was.get(i)) && !was.contains(is.get(i))) {
                out.put(was.get(i), is.get(i));
            }
        }
        return out;
    }

    private static List<String> headings(String text) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.startsWith("#")) {
                out.add(line.replaceFirst("^#+\\s*", ""));
            }
        }
        return out;
    }

    private static String prefix(String section) {
        return section.isEmpty() ? "" : section + " · ";
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < row.length() - 1; i++) {
            char c = row.charAt(i);
            if (c == '\\' && i + 1 < row.length() - 1 && row.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }
}
