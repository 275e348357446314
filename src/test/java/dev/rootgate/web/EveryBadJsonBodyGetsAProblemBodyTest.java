package dev.rootgate.web;

import static dev.rootgate.support.Flows.ANY_ACCOUNT;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.rootgate.support.Browser;
import dev.rootgate.support.Browser.Page;
import dev.rootgate.support.Flows;
import dev.rootgate.support.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Whoever sends a broken body learns what is wrong from the answer: every bad body on every JSON POST is a 400 (or
 * 413) with the usual {@code {"error","message","field"}} problem, never a bare status, and a page form too large
 * for rootgate shows the error page saying so, never a blank page.
 */
@QuarkusTest
class EveryBadJsonBodyGetsAProblemBodyTest {

    @TestHTTPResource("/")
    URL base;

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                for (int b : (int[]) part) {
                    out.write(b);
                }
            }
        }
        return out.toByteArray();
    }

    static Stream<Arguments> badBodies() {
        String field = "justification";
        return Stream.of(
                Arguments.of("invalid UTF-8 in a string", bytes("{\"" + field + "\":\"a", new int[] {0xC3, 0x28}, "\"}"),
                        400, "not valid UTF-8"),
                Arguments.of("overlong UTF-8 form of '/'", bytes("{\"" + field + "\":\"a", new int[] {0xC0, 0xAF}, "\"}"),
                        400, "not valid UTF-8"),
                Arguments.of("a lone continuation byte", bytes("{\"" + field + "\":\"", new int[] {0x80}, "\"}"),
                        400, "not valid UTF-8"),
                Arguments.of("truncated JSON", bytes("{\"" + field + "\":\"abc"), 400, "malformed JSON"),
                Arguments.of("a byte order mark", bytes(new int[] {0xEF, 0xBB, 0xBF}, "{\"" + field + "\":\"x\"}"),
                        400, "byte order mark"),
                Arguments.of("an empty body", new byte[0], 400, "a JSON object is required"));
    }

    static Stream<String> jsonEndpoints() {
        return Stream.of("/api/v1/requests", "/api/v1/requests/{pending}/decisions", "/api/v1/findings/1/acknowledge");
    }

    static Stream<Arguments> everyEndpointAndBadBody() {
        return jsonEndpoints()
                .flatMap(path -> badBodies().map(body -> Arguments.of(path, body.get()[0], body.get()[1], body.get()[2],
                        body.get()[3])));
    }

    private static long pending;

    /** A request a decision could be about (made once the application runs, not when the cases are listed). */
    private static synchronized long pending() {
        if (pending == 0) {
            pending = Flows.request(TestUser.engineer(), ANY_ACCOUNT, "IAMAuditRootUserCredentials");
        }
        return pending;
    }

    @ParameterizedTest(name = "{0} with {1} → {3} problem")
    @MethodSource("everyEndpointAndBadBody")
    void badBodyIsAnsweredWithAProblemNamingIt(String path, String name, byte[] body, int status, String words) {
        TestUser.auditor().api().body(body).post(path.replace("{pending}", String.valueOf(pending()))).then().statusCode(status)
                .contentType("application/json")
                .body("error", equalTo("invalid_input"))
                .body("message", containsString(words))
                .body("field", equalTo("body"));
    }

    /** Announced too large: refused from the headers alone, before a byte of the body is sent. */
    @ParameterizedTest(name = "{0} with a body past the size limit → 413 problem")
    @MethodSource("jsonEndpoints")
    void bodyPastTheSizeLimitIsAnsweredWithAProblem(String path) throws Exception {
        String answer = announcingTooLarge(path.replace("{pending}", String.valueOf(pending())), "application/json",
                "Authorization: Bearer " + TestUser.auditor().token() + "\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("content-type: application/json") && answer.contains("\"error\":\"too_large\"")
                && answer.contains("\"field\":\"body\""), answer);
    }

    @Test
    void formFieldPastTheFormLimitShowsTheErrorPageSayingSo() throws Exception {
        Browser alice = new Browser(base.toURI());
        Page form = alice.logIn(alice.get("/requests/new"), "alice", true);
        Page refused = alice.submit(form, "/requests", Map.of("accountId", ANY_ACCOUNT, "taskPolicy",
                "IAMAuditRootUserCredentials", "justification", "x".repeat(33 * 1024)));
        assertEquals(413, refused.status());
        assertTrue(refused.has("the form is too large: a field may hold at most 32 KB") && refused.has("</html>"),
                refused.body());
    }

    @Test
    void pageFormPastTheBodyLimitShowsTheErrorPageSayingSo() throws Exception {
        // Signed in: a visitor who is not is sent to log in before any body matters.
        String answer = announcingTooLarge("/requests", "application/x-www-form-urlencoded",
                "Authorization: Bearer " + TestUser.engineer().token() + "\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("the form is too large") && answer.contains("</html>"), answer);
    }

    /** A POST whose headers announce 11 MB and that sends nothing more; the answer's head (lower case) and body. */
    private String announcingTooLarge(String path, String type, String headers) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Content-Type: " + type + "\r\nContent-Length: " + 11 * 1024 * 1024 + "\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String answer = head.toString(StandardCharsets.US_ASCII).toLowerCase().replace("http/1.1", "HTTP/1.1");
            Matcher length = Pattern.compile("content-length: *(\\d+)").matcher(answer);
            byte[] body = in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
            return answer + new String(body, StandardCharsets.UTF_8);
        }
    }
}
