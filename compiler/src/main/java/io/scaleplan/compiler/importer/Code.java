package io.scaleplan.compiler.importer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.scaleplan.dsl.Cpu;
import io.scaleplan.dsl.Memory;
import io.scaleplan.dsl.Percent;
import io.scaleplan.dsl.PodAmount;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A builder chain as a person writes it ({@code s.requests(cores(1), gib(2))}, then one call a
 * line), rendered to a JavaPoet {@link CodeBlock} the way palantir-java-format lays out the
 * project's plans: continuation lines 8 spaces in, a short nested chain on one line.
 */
final class Code {
    static final ClassName UNITS = ClassName.get("io.scaleplan.dsl", "Units");
    private static final int WIDTH = 120;

    /** The static imports of {@code Units} the code used. */
    final Set<String> units = new TreeSet<>();

    /** One call of a chain: comments above it, then {@code .name(args)} or a lambda. */
    record Call(List<String> comments, CodeBlock text, Chain lambda, String lambdaParameter, CodeBlock lambdaHead) {}

    /** {@code receiver.call().call()...}. */
    static final class Chain {
        final List<Call> calls = new ArrayList<>();

        Chain call(String format, Object... args) {
            calls.add(new Call(List.of(), CodeBlock.of(format, args), null, null, null));
            return this;
        }

        /** {@code .name(head, p -> p.call()...)}; {@code head} may be null. */
        Chain lambda(List<String> comments, String name, CodeBlock head, String parameter, Chain body) {
            calls.add(new Call(List.copyOf(comments), CodeBlock.of("$L", name), body, parameter, head));
            return this;
        }

        Chain comment(List<String> comments) {
            if (!comments.isEmpty()) {
                calls.add(new Call(List.copyOf(comments), null, null, null, null));
            }
            return this;
        }

        boolean isEmpty() {
            return calls.stream().allMatch(c -> c.text() == null);
        }
    }

    /** {@code cores(2)} or {@code millicores(500)}. */
    CodeBlock cpu(Cpu cpu) {
        long m = cpu.millicores();
        return m % 1000 == 0 ? unit("cores", m / 1000) : unit("millicores", m);
    }

    /** {@code gib(2)}, {@code mib(512)}, ... the largest unit that states it exactly. */
    CodeBlock memory(Memory memory) {
        long b = memory.bytes();
        if (b != 0 && b % (1L << 40) == 0) {
            return unit("tib", b >> 40);
        } else if (b != 0 && b % (1L << 30) == 0) {
            return unit("gib", b >> 30);
        } else if (b != 0 && b % (1L << 20) == 0) {
            return unit("mib", b >> 20);
        } else if (b != 0 && b % 1024 == 0) {
            return unit("kib", b >> 10);
        }
        return unit("bytes", b);
    }

    /** {@code pods(1)} or {@code percent(25)}. */
    CodeBlock amount(PodAmount amount) {
        return amount instanceof Percent p ? unit("percent", p.value()) : unit("pods", amount.value());
    }

    /** {@code seconds(15)}, {@code minutes(5)} or {@code hours(1)}. */
    CodeBlock duration(long seconds) {
        if (seconds != 0 && seconds % 3600 == 0) {
            return unit("hours", seconds / 3600);
        }
        return seconds != 0 && seconds % 60 == 0 ? unit("minutes", seconds / 60) : unit("seconds", seconds);
    }

    CodeBlock unit(String name, long value) {
        units.add(name);
        // the member name as literal text, so that JavaPoet applies the static import
        return CodeBlock.of("$T." + name + "($L)", UNITS, number(value));
    }

    /** {@code 1_000} for 1000: as the project writes numbers. */
    static String number(long value) {
        String digits = Long.toString(Math.abs(value));
        if (digits.length() < 4) {
            return Long.toString(value);
        }
        StringBuilder out = new StringBuilder();
        int lead = digits.length() % 3;
        out.append(digits, 0, lead == 0 ? 3 : lead);
        for (int i = lead == 0 ? 3 : lead; i < digits.length(); i += 3) {
            out.append('_').append(digits, i, i + 3);
        }
        return (value < 0 ? "-" : "") + out;
    }

    /** A comment's text made safe for a line comment: no line breaks, no unicode escapes javac reads. */
    static String commentText(String text) {
        return text.replace("\\u", "\\ u").replaceAll("[\\r\\n\\t\\x00-\\x1f]", " ");
    }

    /** {@code text} in lines of at most {@code width} characters, broken at spaces where it can be. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        int first = 0;
        while (rest.length() > Math.max(20, width - first)) {
            int limit = Math.max(20, width - first);
            int at = rest.lastIndexOf(' ', limit);
            if (at <= 0) {
                at = limit;
            }
            lines.add((first == 0 ? "" : "    ") + rest.substring(0, at).strip());
            rest = rest.substring(at).strip();
            first = 4;
        }
        lines.add((first == 0 ? "" : "    ") + rest);
        return lines;
    }

    /** The chain after {@code receiver}, its continuation lines at {@code indent} spaces past the method body. */
    static CodeBlock render(CodeBlock receiver, Chain chain, int indent) {
        CodeBlock.Builder out = CodeBlock.builder().add(receiver);
        for (Call call : chain.calls) {
            for (String comment : call.comments()) {
                for (String line : wrap(commentText(comment), WIDTH - 8 - indent - 3)) {
                    out.add("\n$L// $L", " ".repeat(indent), line);
                }
            }
            if (call.text() == null && call.lambda() == null) {
                continue;
            }
            out.add("\n$L.", " ".repeat(indent)).add(call(call, indent));
        }
        return out.build();
    }

    private static CodeBlock call(Call call, int indent) {
        if (call.lambda() == null) {
            return call.text();
        }
        CodeBlock head = CodeBlock.builder()
                .add(call.text())
                .add("(")
                .add(call.lambdaHead() == null ? CodeBlock.of("") : CodeBlock.of("$L, ", call.lambdaHead()))
                .add("$L -> $L", call.lambdaParameter(), call.lambdaParameter())
                .build();
        Chain body = call.lambda();
        if (body.calls.isEmpty()) {
            return head;
        }
        CodeBlock inline = inline(body);
        // the method body's 8 columns, the indent, the dot, the call and room for the closing parentheses
        if (inline != null && 8 + indent + 1 + approximateLength(head) + approximateLength(inline) + 4 <= WIDTH) {
            return CodeBlock.builder().add(head).add(inline).add(")").build();
        }
        Call first = body.calls.get(0);
        Chain rest = new Chain();
        rest.calls.addAll(body.calls.subList(first.comments().isEmpty() ? 1 : 0, body.calls.size()));
        CodeBlock.Builder out = CodeBlock.builder().add(head);
        if (first.comments().isEmpty()) {
            out.add(".").add(call(first, indent + 8));
        }
        return out.add(render(CodeBlock.of(""), rest, indent + 8)).add(")").build();
    }

    /** The whole chain on one line, or null when it has comments or nested lambdas that do not fit. */
    private static CodeBlock inline(Chain chain) {
        CodeBlock.Builder out = CodeBlock.builder();
        for (Call c : chain.calls) {
            if (!c.comments().isEmpty()) {
                return null;
            }
            if (c.lambda() != null) {
                CodeBlock nested = inline(c.lambda());
                if (nested == null) {
                    return null;
                }
                out.add(".").add(c.text()).add("(");
                if (c.lambdaHead() != null) {
                    out.add("$L, ", c.lambdaHead());
                }
                out.add("$L -> $L", c.lambdaParameter(), c.lambdaParameter())
                        .add(nested)
                        .add(")");
            } else {
                out.add(".").add(c.text());
            }
        }
        return out.build();
    }

    /** The length of the code as written, static imports applied (close enough for layout). */
    private static int approximateLength(CodeBlock code) {
        return code.toString().replace("io.scaleplan.dsl.Units.", "").length();
    }
}
