package io.scaleplan.compiler.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The direct writer writes what Jackson's generator and SnakeYAML's emitter wrote ({@link
 * Yaml#renderWithEmitter}), byte for byte, and what it writes reads back as the same tree under YAML 1.1
 * (SnakeYAML, as Helm's go-yaml) and YAML 1.2 (snakeyaml-engine).
 */
class YamlWriterTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Written as \\u escapes now; the emitter wrote \N, \_, \L, \P and a raw byte-order mark. */
    private static final String ESCAPED_NOW = "\u0085\u00A0\u2028\u2029\uFEFF";

    @Property(tries = 1_500)
    void writesWhatTheEmitterWrote(@ForAll("emitterTrees") JsonNode tree) {
        assertThat(Yaml.render("# h\n", tree)).isEqualTo(Yaml.renderWithEmitter("# h\n", tree));
    }

    @Property(tries = 300)
    void writesScalarAndSequenceDocumentsAsTheEmitterDid(@ForAll("emitterValues") JsonNode value) {
        assertThat(Yaml.render("", value)).isEqualTo(Yaml.renderWithEmitter("", value));
        ArrayNode sequence = NODES.arrayNode().add(value).add(value);
        assertThat(Yaml.render("", sequence)).isEqualTo(Yaml.renderWithEmitter("", sequence));
    }

    @Property(tries = 1_000)
    void readsBackAsTheSameTree(@ForAll("readableTrees") JsonNode tree) {
        assertReadsBack(tree);
    }

    @Test
    void theGeneratedShapes() {
        ObjectNode hpa = Yaml.object();
        hpa.put("apiVersion", "autoscaling/v2").put("kind", "HorizontalPodAutoscaler");
        hpa.putObject("metadata")
                .put("name", "usage-metering")
                .putObject("labels")
                .put("app.kubernetes.io/name", "x");
        ObjectNode spec = hpa.putObject("spec");
        spec.put("minReplicas", 2).put("maxReplicas", 20);
        ObjectNode metric = spec.putArray("metrics").addObject().put("type", "Resource");
        metric.putObject("resource").put("name", "cpu").putObject("target").put("averageValue", "500m");
        spec.putArray("empty");
        spec.putObject("none");
        spec.putArray("nested").addArray().add("a").add(1.5);
        spec.put("script", "first line\n  indented\nlast\n");
        spec.put("kept", "ends in two breaks\n\n");
        spec.put("stripped", "no final break\nsecond");
        spec.put(" spaced key", "trailing space ");
        spec.put("k".repeat(130), "long key");
        spec.put("", "empty key");
        String yaml = Yaml.render("# header\n", hpa);
        assertThat(yaml).isEqualTo(Yaml.renderWithEmitter("# header\n", hpa));
        assertThat(yaml)
                .startsWith("# header\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n"
                        + "  name: usage-metering\n  labels:\n    app.kubernetes.io/name: x\nspec:\n"
                        + "  minReplicas: 2\n  maxReplicas: 20\n  metrics:\n    - type: Resource\n"
                        + "      resource:\n        name: cpu\n        target:\n          averageValue: 500m\n"
                        + "  empty: []\n  none: {}\n  nested:\n    -   - a\n        - 1.5\n"
                        + "  script: |\n    first line\n      indented\n    last\n");
    }

    /** YAML 1.1's own escapes and line breaks come out so that YAML 1.2 reads the same string. */
    @Test
    void yaml11OnlyCharactersAreUnicodeEscapes() {
        Map<Character, String> escapes = Map.of(
                '\u2028', "\\u2028",
                '\u2029', "\\u2029",
                '\u0085', "\\u0085",
                '\u00A0', "\\u00a0",
                '\uFEFF', "\\ufeff");
        escapes.forEach((c, escape) -> {
            String s = "a" + c + "b";
            assertThat(Yaml.render("", Yaml.object().put("k", s))).isEqualTo("k: \"a" + escape + "b\"\n");
            // a key with a line break takes the explicit form, as it did
            boolean lineBreak = c != '\u00A0' && c != '\uFEFF';
            assertThat(Yaml.render("", Yaml.object().put(s, "v")))
                    .isEqualTo(lineBreak ? "? \"a" + escape + "b\"\n: v\n" : "\"a" + escape + "b\": v\n");
            // a line feed as well: the emitter made a literal block with the raw character in it,
            // which YAML 1.1 reads as a line break and YAML 1.2 as a character (a byte-order mark:
            // not allowed inside a YAML 1.2 document)
            String multiline = "one\n" + c + "two\n";
            assertThat(Yaml.render("", Yaml.object().put("k", multiline)))
                    .isEqualTo(
                            c == '\u00A0'
                                    ? "k: |\n  one\n  \u00a0two\n" // a character to both, as it was
                                    : "k: \"one\\n" + escape + "two\\n\"\n");
            for (String value : List.of(s, multiline, c + "", c + "\n")) {
                assertReadsBack(Yaml.object().put("k", value).put(value, "v"));
            }
        });
    }

    /** The emitter wrote "- |2+" with its text six columns in, which readers refused or misread. */
    @Test
    void multilineTextStartingWithABlankIsDoubleQuoted() {
        ObjectNode tree = Yaml.object();
        tree.putArray("k").addArray().add("\nx\n\n").add(" a\nb");
        tree.put("v", "\n\nx");
        assertThat(Yaml.render("", tree)).isEqualTo("k:\n  -   - \"\\nx\\n\\n\"\n      - \" a\\nb\"\nv: \"\\n\\nx\"\n");
        assertReadsBack(tree);
        assertThat(Yaml.renderWithEmitter("", tree)).contains("|2+");
    }

    /** Binary data, which only a chart's !!binary value read back could bring: Jackson writes it. */
    @Test
    void binaryGoesToTheEmitter() {
        ObjectNode tree = Yaml.object().put("k", "v");
        tree.put("data", new byte[] {1, 2, 3});
        assertThat(Yaml.render("", tree)).isEqualTo("k: v\ndata: !!binary |-\n  AQID\n");
    }

    @Test
    void controlCharactersKeepTheirEscapes() {
        assertThat(Yaml.render("", Yaml.object().put("k", "\0\u0007\b\t\u000B\f\r\u001B\"\\\u0001\u00ff\u0100")))
                .isEqualTo("k: \"\\0\\a\\b\\t\\v\\f\\r\\e\\\"\\\\\\x01\u00ff\u0100\"\n");
        assertReadsBack(Yaml.object().put("k", "\0\u0007\b\t\u000B\f\r\u001B\"\\\u0001\ud83d\ude00"));
    }

    private static void assertReadsBack(JsonNode tree) {
        String yaml = Yaml.render("# h\n", tree);
        Object yaml11 = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Object yaml12 = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        ObjectMapper json = new ObjectMapper();
        assertThat(Yaml.json(json.valueToTree(yaml11)))
                .as("YAML 1.1 reading of\n%s", yaml)
                .isEqualTo(Yaml.json(tree));
        assertThat(Yaml.json(json.valueToTree(yaml12)))
                .as("YAML 1.2 reading of\n%s", yaml)
                .isEqualTo(Yaml.json(tree));
        assertThat(Yaml.json(Yaml.read(yaml))).isEqualTo(Yaml.json(tree));
    }

    // Generators.

    @Provide
    Arbitrary<JsonNode> emitterTrees() {
        return objects(emitterStrings(), emitterScalars(), 3);
    }

    @Provide
    Arbitrary<JsonNode> emitterValues() {
        return Arbitraries.oneOf(emitterScalars(), objects(emitterStrings(), emitterScalars(), 2));
    }

    @Provide
    Arbitrary<JsonNode> readableTrees() {
        Arbitrary<String> strings = allStrings().filter(YamlWriterTest::wellFormed);
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                strings.map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        return objects(strings, scalars, 3);
    }

    private static Arbitrary<JsonNode> objects(Arbitrary<String> keys, Arbitrary<JsonNode> scalars, int depth) {
        Arbitrary<JsonNode> value = node(keys, scalars, depth, 6, 2);
        return Combinators.combine(keys, value)
                .as(Map::entry)
                .list()
                .ofMaxSize(5)
                .map(entries -> {
                    ObjectNode node = NODES.objectNode();
                    entries.forEach(e -> node.set(e.getKey(), e.getValue()));
                    return node;
                });
    }

    /** A scalar, mapping or sequence, in those proportions (out of 10), below {@code depth}. */
    private static Arbitrary<JsonNode> node(
            Arbitrary<String> keys, Arbitrary<JsonNode> scalars, int depth, int scalar, int mapping) {
        if (depth == 0) {
            return scalars;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(scalar, scalars),
                Tuple.of(mapping, Arbitraries.lazy(() -> objects(keys, scalars, depth - 1))),
                Tuple.of(10 - scalar - mapping, Arbitraries.lazy(() -> arrays(keys, scalars, depth - 1))));
    }

    private static Arbitrary<JsonNode> arrays(Arbitrary<String> keys, Arbitrary<JsonNode> scalars, int depth) {
        Arbitrary<JsonNode> item = node(keys, scalars, depth, 5, 3);
        return item.list().ofMaxSize(4).map(items -> {
            ArrayNode node = NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
    }

    private static Arbitrary<JsonNode> emitterScalars() {
        return Arbitraries.oneOf(
                emitterStrings().map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.bigIntegers().map(i -> NODES.numberNode(i.multiply(BigInteger.TEN.pow(20)))),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e-7, 1e21)
                        .map(NODES::numberNode),
                Arbitraries.floats().map(NODES::numberNode),
                Arbitraries.bigDecimals().map(NODES::numberNode),
                Arbitraries.of("1E+3", "0.000001", "-12.50", "1e-9").map(s -> NODES.numberNode(new BigDecimal(s))),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
    }

    private static Arbitrary<String> emitterStrings() {
        return allStrings()
                .filter(s -> s.chars().noneMatch(c -> ESCAPED_NOW.indexOf(c) >= 0))
                .filter(s -> s.indexOf('\n') < 0 || !YamlWriter.needsIndentationIndicator(s));
    }

    private static Arbitrary<String> allStrings() {
        Arbitrary<String> yamlish = Arbitraries.strings()
                .withChars("aeonyYNft01789._-:/#&*!|>'\"%@`{}[], \t\n\r~+=<xXeE?\u00e9\u0085\u2028\u00a0")
                .ofMaxLength(14);
        Arbitrary<String> lines = Arbitraries.strings().withChars("ab \n\t:#-").ofMaxLength(20);
        Arbitrary<String> names = Arbitraries.strings()
                .withChars("abcxyzABC0123456789-_./+")
                .ofMinLength(1)
                .ofMaxLength(16);
        Arbitrary<String> longOnes =
                Arbitraries.strings().withChars("ab:- ").ofMinLength(120).ofMaxLength(140);
        return Arbitraries.frequencyOf(
                Tuple.of(3, yamlish),
                Tuple.of(2, lines),
                Tuple.of(3, names),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(10)),
                Tuple.of(1, longOnes),
                Tuple.of(1, Arbitraries.of(YamlTest.TRAPS)));
    }

    /** No lone surrogates: a reader cannot be asked to return what no UTF-8 file can hold. */
    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
