package io.scaleplan.compiler.emit.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.RedisExecProvider;

/**
 * A real redis-server (the 7.0.15 binary embedded-redis bundles) started from a config file, as
 * {@code redis-server FILE --port N} starts it. embedded-redis' own builder cannot combine a config
 * file with a port (its build() adds a {@code bind} setting, which it then refuses next to a file).
 */
public final class RedisProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private RedisProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts redis-server with {@code conf} on a free port, in {@code dir}; returns once it accepts connections. */
    public static RedisProcess start(Path conf, Path dir) throws IOException {
        return start(List.of(conf.toAbsolutePath().toString()), dir);
    }

    /**
     * Starts redis-server without a config file, as a {@code redis:alpine} container without args
     * does, with {@code args} added ({@code --maxmemory 128mb}): {@code CONFIG REWRITE} fails there.
     */
    public static RedisProcess startWithoutConfigFile(List<String> args, Path dir) throws IOException {
        return start(args, dir);
    }

    private static RedisProcess start(List<String> first, Path dir) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String exec = RedisExecProvider.defaultProvider().get().getAbsolutePath();
        List<String> command = new java.util.ArrayList<>();
        command.add(exec);
        command.addAll(first);
        command.addAll(List.of(
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toAbsolutePath().toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder log = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            log.append(line).append('\n');
            if (line.contains("Ready to accept connections")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // the server is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new RedisProcess(p, port);
            }
        }
        throw new IllegalStateException("redis-server did not start:\n" + log);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
