package io.scaleplan.test;

import io.scaleplan.compiler.Compilation;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.dsl.Diagnostic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan (or one phase of an event) compiled in memory: its diagnostics and its files, by path
 * relative to the plan's (or phase's) folder ({@code k8s/usage-metering-hpa.yaml}).
 *
 * @param name the plan's name, or {@code <event>/<NN-phase>} for a phase
 * @param diagnostics every finding of the plan (or the event, for a phase)
 * @param files the outputs by relative path, sorted; empty when there is an error
 */
public record CompiledPlan(String name, List<Diagnostic> diagnostics, Map<String, String> files) {

    public CompiledPlan {
        diagnostics = List.copyOf(diagnostics);
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    static CompiledPlan of(Compilation c) {
        return under(c.plan(), c.diagnostics(), c.files());
    }

    static CompiledPlan under(String root, List<Diagnostic> diagnostics, List<GeneratedFile> all) {
        Map<String, String> files = new LinkedHashMap<>();
        for (GeneratedFile f : all) {
            if (f.path().startsWith(root + "/")) {
                files.put(f.path().substring(root.length() + 1), f.content());
            }
        }
        return new CompiledPlan(root, diagnostics, files);
    }

    /** The phase folders of an event ({@code 01-pre-scale}), empty for a plan. */
    public List<String> phases() {
        return files.keySet().stream()
                .filter(p -> p.matches("[0-9]{2}-[a-z-]+/.*"))
                .map(p -> p.substring(0, p.indexOf('/')))
                .distinct()
                .toList();
    }

    /** The phase of an event by its name ({@code pre-scale}), if there is one. */
    public Optional<CompiledPlan> phase(String phase) {
        return phases().stream()
                .filter(f -> f.substring(3).equals(phase))
                .findFirst()
                .map(folder -> {
                    Map<String, String> inside = new LinkedHashMap<>();
                    files.forEach((path, content) -> {
                        if (path.startsWith(folder + "/")) {
                            inside.put(path.substring(folder.length() + 1), content);
                        }
                    });
                    return new CompiledPlan(name + "/" + folder, diagnostics, inside);
                });
    }
}
