package io.scaleplan.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's YAML examples are the real generated files, so the README cannot drift from them. */
class ReadmeExamplesTest {

    @Test
    void yamlExamplesAreWhatTheBuildWrites() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
        Path generated = Path.of("../generated/production");
        assertThat(blocks.get(0))
                .as("README's HPA example = generated/production/k8s/usage-metering-hpa.yaml")
                .isEqualTo(Files.readString(generated.resolve("k8s/usage-metering-hpa.yaml"), StandardCharsets.UTF_8));
        assertThat(Files.readString(generated.resolve("helm/arka-values.yaml"), StandardCharsets.UTF_8))
                .as("README's values example is a part of generated/production/helm/arka-values.yaml")
                .contains(blocks.get(1));
    }
}
