package io.scaleplan.compiler.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Strings must read back as the same strings under YAML 1.1 (Helm's go-yaml, SnakeYAML) and YAML 1.2. */
class YamlTest {
    static final List<String> TRAPS = List.of(
            "on",
            "On",
            "ON",
            "off",
            "no",
            "No",
            "yes",
            "y",
            "Y",
            "n",
            "true",
            "False",
            "null",
            "Null",
            "~",
            "",
            "1.10",
            "0777",
            "0o17",
            "0x1F",
            "1_000",
            "12:30",
            "190:20:30",
            "1e3",
            "-1",
            "+1",
            ".5",
            ".inf",
            "-.Inf",
            ".nan",
            "2001-12-14",
            "2001-12-14t21:59:43.10-05:00",
            "=",
            "<<",
            "- x",
            "a: b",
            "a #b",
            "#x",
            "@x",
            "`x",
            "!x",
            "&x",
            "*x",
            "|x",
            ">x",
            "%x",
            "'x'",
            "\"x\"",
            "{x}",
            "[x]",
            " x",
            "x ",
            "a\nb",
            "tab\there",
            "ünïcödé",
            "500m",
            "2Gi",
            "1k",
            "app.kubernetes.io/name",
            "./arka-engine");

    @Test
    void trapsReadBackAsStrings() {
        for (String s : TRAPS) {
            assertRoundTrips(s);
        }
    }

    @Test
    void harmlessStringsStayPlain() {
        for (String s :
                List.of("500m", "2Gi", "1k", "usage-metering", "apps/v1", "app.kubernetes.io/name", "Utilization")) {
            ObjectNode doc = Yaml.object().put("k", s);
            assertThat(Yaml.render("", doc)).isEqualTo("k: " + s + "\n");
        }
        assertThat(Yaml.render("", Yaml.object().put("k", "on"))).isEqualTo("k: \"on\"\n");
        assertThat(Yaml.render("", Yaml.object().put("k", "1"))).isEqualTo("k: \"1\"\n");
    }

    @Property(tries = 500)
    void anyStringRoundTrips(@ForAll("scalars") String s) {
        assertRoundTrips(s);
    }

    @Provide
    Arbitrary<String> scalars() {
        Arbitrary<String> alphabet = Arbitraries.strings()
                .withChars("aeonyYNft01789._-:/#&*!|>'\"%@`{}[], \t\n~+=<xXeE")
                .ofMaxLength(12);
        return Arbitraries.oneOf(alphabet, Arbitraries.strings().ofMaxLength(8), Arbitraries.of(TRAPS));
    }

    @Test // key "n" is quoted: YAML 1.1 reads a bare n as false
    void outputIsBlockStyleWithIndentedLists() {
        ObjectNode doc = Yaml.object();
        doc.put("apiVersion", "v1");
        doc.putArray("items").add("a").add("b");
        doc.putObject("spec").put("n", 3).put("flag", true);
        assertThat(Yaml.render("# h\n", doc))
                .isEqualTo("# h\napiVersion: v1\nitems:\n  - a\n  - b\nspec:\n  \"n\": 3\n  flag: true\n");
    }

    private static void assertRoundTrips(String s) {
        String yaml = Yaml.render("", Yaml.object().put("k", s).put(s, "v"));
        Map<?, ?> yaml11 = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<?, ?> yaml12 = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        assertThat(yaml11.get("k")).as("YAML 1.1 reading of %s", yaml).isEqualTo(s);
        assertThat(yaml12.get("k")).as("YAML 1.2 reading of %s", yaml).isEqualTo(s);
        assertThat(yaml11.get(s)).as("YAML 1.1 key in %s", yaml).isEqualTo("v");
        assertThat(yaml12.get(s)).as("YAML 1.2 key in %s", yaml).isEqualTo("v");
    }
}
