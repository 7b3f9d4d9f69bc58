package io.scaleplan.compiler.render;

import java.util.List;

/** Markdown tables with escaped cells. */
public final class Markdown {
    private final StringBuilder out = new StringBuilder();

    public Markdown line(String text) {
        out.append(text).append('\n');
        return this;
    }

    public Markdown blank() {
        return line("");
    }

    public Markdown table(List<String> header, List<List<String>> rows) {
        row(header);
        out.append('|');
        header.forEach(h -> out.append(" --- |"));
        out.append('\n');
        rows.forEach(this::row);
        return this;
    }

    private void row(List<String> cells) {
        out.append('|');
        for (String c : cells) {
            out.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        out.append('\n');
    }

    @Override
    public String toString() {
        String s = out.toString();
        while (s.endsWith("\n\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
