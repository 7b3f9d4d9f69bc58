package io.scaleplan.compiler.simulate;

import io.scaleplan.dsl.LoadProfile;
import io.scaleplan.dsl.RuleId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a load profile from CSV text, strictly:
 *
 * <pre>
 * seconds,service,rps
 * 0,usage-metering,3000
 * 600,usage-metering,5000
 * </pre>
 *
 * The header is required. Each row is a point of the service's curve: whole seconds, never
 * negative, in order per service and starting at 0; a rate of at least 0 ({@code 2500} or {@code
 * 2500.5}). Between rows the load changes linearly; two rows at one second are a step. Lines
 * starting with {@code #} are comments. Every problem is reported with its file and line.
 */
public final class LoadCsv {
    public static final String HEADER = "seconds,service,rps";
    private static final Pattern SECONDS = Pattern.compile("0|[1-9][0-9]{0,8}");
    private static final Pattern RPS = Pattern.compile("(0|[1-9][0-9]{0,11})(\\.[0-9]{1,6})?");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final int MAX_PROBLEMS = 20;

    private LoadCsv() {}

    /** The profile in {@code text}, read from {@code fileName} (used in messages and as the profile's name). */
    public static LoadProfile parse(String fileName, String text) {
        List<String> problems = new ArrayList<>();
        Map<String, List<LoadProfile.Point>> curves = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        int last = lines.length;
        if (last > 0 && lines[last - 1].isEmpty()) {
            last--; // the final newline
        }
        if (last > 0 && lines[0].startsWith("\uFEFF")) {
            lines[0] = lines[0].substring(1); // a byte-order mark, as spreadsheet exports write it
        }
        if (last == 0 || !strip(lines[0]).equals(HEADER)) {
            problems.add(problem(
                    fileName,
                    1,
                    "the first line must be the header '" + HEADER + "', was '"
                            + (last == 0 ? "" : printable(strip(lines[0]))) + "'"));
        }
        for (int i = 1; i < last && problems.size() < MAX_PROBLEMS; i++) {
            int lineNo = i + 1;
            String line = strip(lines[i]);
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isEmpty()) {
                problems.add(problem(fileName, lineNo, "empty line (expected seconds,service,rps)"));
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 3) {
                problems.add(problem(
                        fileName,
                        lineNo,
                        "expected 3 fields (seconds,service,rps), found " + f.length + ": '" + printable(line) + "'"));
                continue;
            }
            boolean ok = true;
            if (!SECONDS.matcher(f[0]).matches()) {
                problems.add(problem(
                        fileName,
                        lineNo,
                        "seconds must be a whole number of at least 0, was '" + printable(f[0]) + "'"));
                ok = false;
            } else if (Long.parseLong(f[0]) > io.scaleplan.dsl.LoadProfile.MAX_SECONDS) {
                problems.add(problem(
                        fileName,
                        lineNo,
                        "seconds must be at most " + io.scaleplan.dsl.LoadProfile.MAX_SECONDS + " (7 days), was "
                                + f[0]));
                ok = false;
            }
            if (!SERVICE.matcher(f[1]).matches()) {
                problems.add(problem(
                        fileName,
                        lineNo,
                        "service must be a DNS-1123 label (lower-case letters, digits and '-'), was '" + printable(f[1])
                                + "'"));
                ok = false;
            }
            if (!RPS.matcher(f[2]).matches()) {
                problems.add(problem(
                        fileName,
                        lineNo,
                        "rps must be a number of at least 0 (such as 2500 or 2500.5), was '" + printable(f[2]) + "'"));
                ok = false;
            }
            if (!ok) {
                continue;
            }
            long second = Long.parseLong(f[0]);
            double rps = Double.parseDouble(f[2]);
            List<LoadProfile.Point> points = curves.computeIfAbsent(f[1], k -> new ArrayList<>());
            if (points.isEmpty() && second != 0) {
                problems.add(
                        problem(fileName, lineNo, "the first row of " + f[1] + " must be at second 0, was " + second));
                continue;
            }
            if (!points.isEmpty()) {
                LoadProfile.Point prev = points.get(points.size() - 1);
                if (second < prev.second()) {
                    problems.add(problem(
                            fileName,
                            lineNo,
                            "seconds go back in time for " + f[1] + ": " + second + " after " + prev.second()));
                    continue;
                }
                if (points.size() >= 2
                        && second == prev.second()
                        && points.get(points.size() - 2).second() == second) {
                    problems.add(problem(
                            fileName,
                            lineNo,
                            "a third row for " + f[1] + " at second " + second
                                    + " (a step takes two rows: before and after)"));
                    continue;
                }
            }
            points.add(new LoadProfile.Point(second, rps));
        }
        if (problems.isEmpty() && curves.isEmpty()) {
            problems.add(problem(fileName, 1, "no rows after the header"));
        }
        if (!problems.isEmpty()) {
            throw new LoadFileException(problems);
        }
        List<LoadProfile.ServiceLoad> services = new ArrayList<>();
        curves.forEach((service, points) -> services.add(new LoadProfile.ServiceLoad(service, points)));
        return LoadProfile.of(profileName(fileName), services);
    }

    private static String profileName(String fileName) {
        String base = fileName.replaceAll(".*[/\\\\]", "").replaceAll("\\.[^.]*$", "");
        String name =
                base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (name.length() > 63) {
            name = name.substring(0, 63).replaceAll("-+$", "");
        }
        return name.isEmpty() ? "load" : name;
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : (s.length() > 60 ? s.substring(0, 60) + "…" : s).toCharArray()) {
            b.append(Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    private static String problem(String fileName, int line, String message) {
        return fileName + ":" + line + ": error: [" + RuleId.INVALID_LOAD_PROFILE.id() + "] " + message;
    }
}
