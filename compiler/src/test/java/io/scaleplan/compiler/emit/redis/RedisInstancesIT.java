package io.scaleplan.compiler.emit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scaleplan.compiler.ExternalTools;
import io.scaleplan.compiler.PlanCompiler;
import io.scaleplan.compiler.emit.GeneratedFile;
import io.scaleplan.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The Redis instances of {@link Fixtures#dataTier()} against real redis-server 7.0.15 processes:
 * the one inside the team's chart ({@code redis-cart}, started without a config file as a {@code
 * redis:alpine} container without args is) takes its {@code apply.redis} as written, where {@code
 * CONFIG REWRITE} would fail; the container args the output names start a server with the plan's
 * values; the Bitnami release's script still ends with a REWRITE that works on a server with a
 * config file; the managed cache gets no script at all.
 */
class RedisInstancesIT {
    @TempDir
    Path dir;

    private static Map<String, String> files() {
        Map<String, String> out = new LinkedHashMap<>();
        for (GeneratedFile f : new PlanCompiler().compile(Fixtures.dataTier()).files()) {
            out.put(f.path().substring("data-tier/".length()), f.content());
        }
        return out;
    }

    @Test
    void theInChartScriptSucceedsOnAServerWithoutAConfigFileAndSaysItIsNotPersisted() throws Exception {
        String script = files().get("redis/cart/apply.redis");
        assertThat(script)
                .contains("\nCONFIG SET maxmemory 128mb maxmemory-policy allkeys-lru\n")
                .doesNotContain("CONFIG REWRITE\n")
                .contains("Not persisted")
                .contains("args: ['--maxmemory', '128mb', '--maxmemory-policy', 'allkeys-lru']");
        try (RedisProcess server = RedisProcess.startWithoutConfigFile(List.of(), dir);
                Jedis jedis = new Jedis("localhost", server.port())) {
            List<String> replies = RedisServerTest.apply(jedis, script);
            assertThat(replies).noneMatch(r -> r.startsWith("ERR"));
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", "134217728");
            assertThat(jedis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-lru");
            // a second run changes nothing
            Map<String, String> config = jedis.configGet("*");
            assertThat(RedisServerTest.apply(jedis, script)).isEqualTo(replies);
            assertThat(jedis.configGet("*")).isEqualTo(config);
        }
        assumeTrue(ExternalTools.runs("redis-cli", "--version"), "redis-cli is not installed: checked through Jedis");
        try (RedisProcess server = RedisProcess.startWithoutConfigFile(List.of(), dir)) {
            String out = redisCli(server.port(), Files.writeString(dir.resolve("apply.redis"), script));
            assertThat(out).doesNotContain("ERR").contains("Not persisted").contains("OK\n");
            try (Jedis jedis = new Jedis("localhost", server.port())) {
                assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", "134217728");
            }
        }
    }

    @Test
    void configRewriteWouldFailOnThatServer() throws Exception {
        try (RedisProcess server = RedisProcess.startWithoutConfigFile(List.of(), dir);
                Jedis jedis = new Jedis("localhost", server.port())) {
            String withRewrite = files().get("redis/cart/apply.redis") + "CONFIG REWRITE\n";
            List<String> replies = RedisServerTest.apply(jedis, withRewrite);
            assertThat(replies.get(replies.size() - 1)).isEqualTo("ERR The server is running without a config file");
            org.assertj.core.api.Assertions.assertThatThrownBy(jedis::configRewrite)
                    .isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR The server is running without a config file");
        }
    }

    @Test
    void theContainerArgsTheOutputNamesMakeTheSettingsPermanent() throws Exception {
        Matcher m = Pattern.compile("args: \\[(.*)]").matcher(files().get("redis/cart/apply.redis"));
        assertThat(m.find()).isTrue();
        List<String> args = new ArrayList<>();
        for (String a : m.group(1).split(", ")) {
            args.add(a.substring(1, a.length() - 1));
        }
        assertThat(args).containsExactly("--maxmemory", "128mb", "--maxmemory-policy", "allkeys-lru");
        try (RedisProcess server = RedisProcess.startWithoutConfigFile(args, dir);
                Jedis jedis = new Jedis("localhost", server.port())) {
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", "134217728");
            assertThat(jedis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-lru");
        }
    }

    @Test
    void theBitnamiScriptRewritesAServerWithAConfigFile() throws Exception {
        Map<String, String> files = files();
        String script = files.get("redis/apply.redis");
        assertThat(script).endsWith("\nCONFIG SET maxmemory 256mb maxmemory-policy allkeys-lru\nCONFIG REWRITE\n");
        Path conf = Files.writeString(dir.resolve("redis.conf"), "appendonly no\n");
        try (RedisProcess server = RedisProcess.start(conf, dir);
                Jedis jedis = new Jedis("localhost", server.port())) {
            assertThat(RedisServerTest.apply(jedis, script)).endsWith("OK", "OK");
            assertThat(Files.readString(conf)).contains("maxmemory 256mb", "maxmemory-policy allkeys-lru");
        }
    }

    @Test
    void theManagedCacheGetsParameterValuesAndNoRedisCommands() {
        Map<String, String> files = files();
        assertThat(files).doesNotContainKeys("redis/sessions/apply.redis", "redis/sessions/redis.conf");
        assertThat(files.get("redis/sessions/parameters.conf"))
                .contains("\nmaxmemory-policy = volatile-lru\n")
                .contains("maxmemory 1gb is not a parameter of Amazon ElastiCache for Redis");
    }

    private static String redisCli(int port, Path script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("redis-cli", "-p", Integer.toString(port))
                .redirectInput(script.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }
}
