package io.scaleplan.arka;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A local stand-in for the Kubernetes API server that Bitnami's templates reach through Helm's
 * {@code lookup} (existing Secrets, so that passwords are not regenerated). It answers discovery
 * ({@code /api}, {@code /api/v1}, {@code /apis}, {@code /version}) and 404 Not Found for every
 * object, as an empty namespace would, so {@code lookup} returns an empty map and the chart renders
 * as for a first install. It listens on a free loopback port and writes the kubeconfig that the
 * test JVM's {@code KUBECONFIG} (set by the plans module's surefire configuration) names; it
 * records the paths asked for.
 */
final class LookupStandIn implements AutoCloseable {
    private final HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    private LookupStandIn(HttpServer server) {
        this.server = server;
    }

    private static LookupStandIn shared;

    /**
     * The stand-in of this JVM, started on first use and never stopped: Helm's client in the test
     * JVM keeps the API server it first reached.
     */
    static synchronized LookupStandIn shared() throws IOException {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Starts the stand-in and points {@code KUBECONFIG} at it. */
    private static LookupStandIn start() throws IOException {
        String kubeconfig = System.getenv("KUBECONFIG");
        if (kubeconfig == null || kubeconfig.isBlank()) {
            throw new IllegalStateException("KUBECONFIG is not set for the test JVM (plans/pom.xml surefire)");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LookupStandIn standIn = new LookupStandIn(server);
        server.createContext("/", standIn::handle);
        server.start();
        Path file = Path.of(kubeconfig);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(
                file,
                """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: stand-in
                    cluster:
                      server: http://127.0.0.1:%d
                contexts:
                  - name: stand-in
                    context:
                      cluster: stand-in
                      user: stand-in
                current-context: stand-in
                users:
                  - name: stand-in
                    user: {}
                """
                        .formatted(server.getAddress().getPort()),
                StandardCharsets.UTF_8);
        return standIn;
    }

    /** The paths the charts asked for. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        String body;
        int status = 200;
        switch (path) {
            case "/version" -> body = "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0\"}";
            case "/api" -> body = "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}";
            case "/apis" -> body = "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
            case "/api/v1" ->
                body = "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
                        + "{\"name\":\"secrets\",\"singularName\":\"secret\",\"namespaced\":true,\"kind\":\"Secret\","
                        + "\"verbs\":[\"get\",\"list\"]},"
                        + "{\"name\":\"configmaps\",\"singularName\":\"configmap\",\"namespaced\":true,"
                        + "\"kind\":\"ConfigMap\",\"verbs\":[\"get\",\"list\"]}]}";
            default -> {
                status = 404;
                body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
                        + "\"code\":404}";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
