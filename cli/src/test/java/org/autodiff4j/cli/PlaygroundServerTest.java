package org.autodiff4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The playground's HTTP API and file serving, against a server on a free port. */
class PlaygroundServerTest {

    static PlaygroundServer server;

    /** One HTTP exchange: status, Content-Type, Content-Security-Policy and body. */
    record Reply(int status, String type, String csp, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) JsonReader.read(body);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        server = PlaygroundServer.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Reply request(String method, String path, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) server.address().resolve(path).toURL().openConnection();
        c.setRequestMethod(method);
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Reply(status, c.getContentType(), c.getHeaderField("Content-Security-Policy"), text);
    }

    static Reply post(String body) throws IOException {
        return request("POST", "/api/differentiate", body);
    }

    @SuppressWarnings("unchecked")
    static double at(Object m, String... path) {
        Object v = m;
        for (String key : path) {
            v = ((Map<String, Object>) v).get(key);
        }
        return (Double) v;
    }

    @Test
    void differentiatesTheTextbookExample() throws IOException {
        Reply r = post("{\"expression\": \"log(x1) + x1*x2 - sin(x2)\", \"point\": {\"x1\": 2, \"x2\": 5}, \"hessian\": true}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.type()).startsWith("application/json");
        Map<String, Object> m = r.json();
        assertThat(m.get("variables")).isEqualTo(List.of("x1", "x2"));
        assertThat(at(m, "value")).isCloseTo(Math.log(2) + 10 - Math.sin(5), within(1e-14));
        assertThat(at(m, "gradient", "x1")).isCloseTo(0.5 + 5, within(1e-14));
        assertThat(at(m, "gradient", "x2")).isCloseTo(2 - Math.cos(5), within(1e-14));
        assertThat(at(m, "hessian", "x1", "x1")).isCloseTo(-0.25, within(1e-14));
        assertThat(at(m, "hessian", "x1", "x2")).isCloseTo(1, within(1e-14));
        assertThat(at(m, "hessian", "x2", "x2")).isCloseTo(Math.sin(5), within(1e-14));
        assertThat(m).containsKeys("forward", "reverse", "graph");
        @SuppressWarnings("unchecked")
        Map<String, Object> graph = (Map<String, Object>) m.get("graph");
        assertThat((List<?>) graph.get("nodes")).isNotEmpty();
        assertThat((List<?>) graph.get("edges")).isNotEmpty();
    }

    @Test
    void missingVariablesTakeOneAndTheSeedIsHonoured() throws IOException {
        Map<String, Object> m = post("{\"expression\": \"x*y\", \"mode\": \"forward\", \"seed\": \"y\"}").json();
        assertThat(m.get("point")).isEqualTo(Map.of("x", 1.0, "y", 1.0));
        assertThat(((Map<?, ?>) m.get("forward")).get("seed")).isEqualTo("y");
    }

    @Test
    void aParseErrorComesBackWithItsPositionAndCaret() throws IOException {
        Reply r = post("{\"expression\": \"x + * y\"}");
        assertThat(r.status()).isEqualTo(400);
        Map<String, Object> m = r.json();
        assertThat(at(m, "position")).isEqualTo(4.0);
        assertThat((String) m.get("caret")).isEqualTo("x + * y\n    ^");
    }

    @Test
    void badRequestsAreClearErrors() throws IOException {
        assertThat(post("not json").status()).isEqualTo(400);
        assertThat(post("[1, 2]").json().get("error").toString()).contains("JSON object");
        assertThat(post("{\"expression\": 3}").json().get("error").toString()).contains("\"expression\" must be a string, got the number 3.0");
        assertThat(post("{\"expression\": \"x\", \"mode\": \"up\"}").json().get("error").toString()).contains("\"mode\"");
        assertThat(post("{\"expression\": \"x\", \"point\": {\"x\": \"one\"}}").json().get("error").toString()).contains("value of x must be a number");
        Reply deep = post("{\"expression\": \"" + "(".repeat(1000) + "x" + ")".repeat(1000) + "\"}");
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.json().get("error").toString()).contains("nest");
        Reply long_ = post("{\"expression\": \"" + "x+".repeat(6000) + "x\"}");
        assertThat(long_.status()).isEqualTo(400);
        assertThat(long_.json().get("error").toString()).contains("at most 10000");
        assertThat(post("{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}").status()).isEqualTo(400);
    }

    @Test
    void aHugeBodyIs413AndTheServerKeepsServing() throws IOException {
        Reply r = post("{\"expression\": \"" + "x".repeat(PlaygroundServer.MAX_BODY + 10) + "\"}");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("error").toString()).contains("larger than");
        assertThat(post("{\"expression\": \"x\"}").status()).isEqualTo(200);
    }

    @Test
    void servesOnlyItsOwnFilesWithAContentSecurityPolicy() throws IOException {
        Reply page = request("GET", "/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.type()).startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"/app.js\"").doesNotContain("http://").doesNotContain("https://");
        assertThat(page.csp()).contains("default-src 'none'").contains("script-src 'self'");
        assertThat(request("GET", "/app.js", null).type()).startsWith("text/javascript");
        assertThat(request("GET", "/style.css", null).type()).startsWith("text/css");
        assertThat(request("GET", "/nothing", null).status()).isEqualTo(404);
        assertThat(request("GET", "/api/differentiate", null).status()).isEqualTo(405);
        assertThat(request("POST", "/app.js", "{}").status()).isEqualTo(405);
    }

    @Test
    void traversalPathsAreNotFound() throws IOException {
        for (String path : List.of("/../pom.xml", "/%2e%2e/%2e%2e/etc/passwd", "/playground/app.js", "/..%2fmodule-info.class",
                "/org/autodiff4j/cli/Main.class")) {
            assertThat(rawStatus(path)).as(path).isEqualTo(404);
        }
    }

    /** Sends the path as is, with no client-side normalisation of {@code ..}. */
    private static int rawStatus(String path) throws IOException {
        URI a = server.address();
        try (Socket s = new Socket(a.getHost(), a.getPort())) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void servesConcurrentRequests() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int k = i;
                replies.add(pool.submit(() -> post("{\"expression\": \"x^" + k + "\", \"point\": {\"x\": 2}}")));
            }
            for (int i = 0; i < replies.size(); i++) {
                Reply r = replies.get(i).get();
                assertThat(r.status()).isEqualTo(200);
                assertThat(at(r.json(), "value")).isEqualTo(Math.pow(2, i));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anEvaluationOverTheTimeLimitIs503AndTheServerKeepsServing() throws IOException {
        // NOTE: a zero limit times out whatever is being evaluated, so the test does not depend on speed
        try (PlaygroundServer impatient = PlaygroundServer.start("127.0.0.1", 0, 0)) {
            HttpURLConnection c = (HttpURLConnection) impatient.address().resolve("/api/differentiate").toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(("{\"expression\": \"" + "sin(x)*".repeat(1000) + "x\", \"hessian\": true}").getBytes(StandardCharsets.UTF_8));
            }
            assertThat(c.getResponseCode()).isEqualTo(503);
            String body = new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(body).contains("took longer than 0 ms");
        }
        assertThat(post("{\"expression\": \"x\"}").status()).isEqualTo(200);
    }
}
