package org.autodiff4j.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.autodiff4j.expr.ParseException;

/**
 * The playground's web server: the page ({@code /}, {@code /app.js}, {@code /style.css}, bundled in
 * the jar, nothing from a CDN) and the JSON API {@code POST /api/differentiate} (see
 * {@link Differentiation}).
 *
 * <p>Guards: the request body is limited to {@value #MAX_BODY} bytes (413), the expression to
 * {@value Differentiation#MAX_EXPRESSION} characters (400), one evaluation to
 * {@value #TIME_LIMIT_MS} ms (503); only the bundled files are served, by exact name (no path is
 * ever resolved against a directory); every response carries a Content-Security-Policy that allows
 * the page's own script and style only. Requests are served concurrently.
 *
 * <pre>{@code
 * try (PlaygroundServer server = PlaygroundServer.start("127.0.0.1", 0)) {
 *     server.address();   // http://127.0.0.1:40123/
 * }
 * }</pre>
 */
public final class PlaygroundServer implements AutoCloseable {

    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY = 64 * 1024;
    /** How long one differentiation may take before the request is answered with 503. */
    public static final long TIME_LIMIT_MS = 2000;

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** The bundled files: request path to resource name and content type. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/style.css", new String[] {"style.css", "text/css; charset=utf-8"});

    private final HttpServer server;
    private final ExecutorService requests;
    private final ExecutorService evaluations;
    private final long timeLimitMs;

    private PlaygroundServer(HttpServer server, ExecutorService requests, ExecutorService evaluations, long timeLimitMs) {
        this.server = server;
        this.requests = requests;
        this.evaluations = evaluations;
        this.timeLimitMs = timeLimitMs;
    }

    /**
     * Starts a server on {@code host}:{@code port} ({@code port} 0 picks a free one).
     *
     * @throws IOException if the address cannot be bound (in use, or not this machine's)
     */
    public static PlaygroundServer start(String host, int port) throws IOException {
        return start(host, port, TIME_LIMIT_MS);
    }

    /** As {@link #start(String, int)}, with another limit on one evaluation (tests use a tiny one). */
    static PlaygroundServer start(String host, int port, long timeLimitMs) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
        // NOTE: evaluations run on a small pool apart from the request threads, so a slow one can be
        // abandoned at the time limit and cannot take more than two cores' worth of threads.
        ExecutorService evaluations = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "playground-evaluation");
            t.setDaemon(true);
            return t;
        });
        PlaygroundServer s = new PlaygroundServer(http, requests, evaluations, timeLimitMs);
        http.createContext("/", s::handle);
        http.setExecutor(requests);
        http.start();
        return s;
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address: {@code http://127.0.0.1:8080/}. */
    public URI address() {
        String host = server.getAddress().getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /** Stops serving; requests in flight get a second to finish. */
    @Override
    public void close() {
        server.stop(1);
        requests.shutdownNow();
        evaluations.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/api/differentiate")) {
                if (!method.equals("POST")) {
                    error(exchange, 405, "use POST for /api/differentiate, with a JSON body");
                    return;
                }
                differentiate(exchange);
            } else if (FILES.containsKey(path)) {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    error(exchange, 405, "use GET for " + path);
                    return;
                }
                file(exchange, FILES.get(path), method.equals("HEAD"));
            } else {
                error(exchange, 404, "no such page or API: " + path);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or a bug: the server goes on serving the others
            if (!(e instanceof IOException)) {
                e.printStackTrace();
            }
        }
    }

    private void differentiate(HttpExchange exchange) throws IOException {
        String lengthHeader = exchange.getRequestHeaders().getFirst("Content-Length");
        if (lengthHeader != null && parseLong(lengthHeader) > MAX_BODY) {
            error(exchange, 413, "the request body is larger than " + MAX_BODY + " bytes");
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            error(exchange, 413, "the request body is larger than " + MAX_BODY + " bytes");
            return;
        }
        Future<Map<String, Object>> result = evaluations.submit(() -> Differentiation.of(JsonReader.read(new String(body, StandardCharsets.UTF_8))));
        try {
            send(exchange, 200, "application/json; charset=utf-8", Json.write(result.get(timeLimitMs, TimeUnit.MILLISECONDS)), false);
        } catch (TimeoutException e) {
            result.cancel(true);
            error(exchange, 503, "the evaluation took longer than " + timeLimitMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(exchange, 503, "the server is stopping");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            switch (cause) {
                case ParseException p -> send(exchange, 400, "application/json; charset=utf-8", Json.write(Map.of(
                        "error", p.problem() + " (at position " + p.position() + ")", "position", p.position(), "caret", p.caretLine())), false);
                case UsageException u -> error(exchange, 400, u.getMessage());
                case IllegalArgumentException u -> error(exchange, 400, u.getMessage());
                default -> {
                    cause.printStackTrace();
                    error(exchange, 500, "internal error: " + cause);
                }
            }
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void file(HttpExchange exchange, String[] file, boolean headOnly) throws IOException {
        try (InputStream in = PlaygroundServer.class.getResourceAsStream("playground/" + file[0])) {
            if (in == null) {
                error(exchange, 500, "the playground's " + file[0] + " is missing from the build");
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            send(exchange, 200, file[1], new String(in.readAllBytes(), StandardCharsets.UTF_8), headOnly);
        }
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", Json.write(Map.of("error", message)), false);
    }

    private static void send(HttpExchange exchange, int status, String type, String text, boolean headOnly) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, headOnly ? -1 : bytes.length);
        if (!headOnly) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
