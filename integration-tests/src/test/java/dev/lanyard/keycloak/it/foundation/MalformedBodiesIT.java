package dev.lanyard.keycloak.it.foundation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client's malformed body is a client mistake: every route answers it with a JSON 4xx, never a 5xx. Form bodies
 * with broken percent-escapes or bytes that are no UTF-8, and JSON strings with unpaired UTF-16 surrogates or
 * bytes that are no UTF-8, answer 400; a form in an unknown charset and multipart bodies (no route reads them)
 * answer 415. Keycloak itself answers most of these with 500, since it parses every form before any route runs.
 */
@ExtendWith(LanyardExtension.class)
class MalformedBodiesIT {

    private static final String FORM = "application/x-www-form-urlencoded";

    /** Every route that reads a form body. */
    private static final List<String> FORM_ROUTES = List.of(
            "/oauth/token",
            "/oauth/revoke",
            "/oauth/introspect",
            "/oauth/userinfo",
            "/public/magic-link?token=abc",
            "/public/magic-link/renew",
            "/public/verify-pin/form");

    /** Percent-escapes that are no escapes, or are cut short. */
    private static final List<String> BROKEN_FORMS = List.of(
            "token=%zz&x=%E0%A4%A",
            "token=abc&x=%E0%A4%A",
            "token=%zz",
            "email=a%40b.c&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2F&client_id=%",
            "pin_token=abc&pin=12%3");

    /** Every route that reads a JSON body with strings a client chooses. */
    private static final List<String> JSON_ROUTES = List.of(
            "/public/login",
            "/public/register",
            "/public/request-magic-link");

    /** A local part no account has, so nothing a test sends can reach an existing user. */
    private static final String WHO = "malformed-" + UUID.randomUUID().toString().substring(0, 8);

    /** JSON whose strings hold an unpaired surrogate, written as JSON escapes (valid JSON syntax, no valid text). */
    private static final List<String> SURROGATE_JSON = List.of(
            "{\"email\":\"\\ud800" + WHO + "@example.com\",\"password\":\"\\udfffabc\",\"name\":\"N\","
                    + "\"redirect_uri\":\"http://localhost:3000/\"}",
            "{\"email\":\"" + WHO + "@example.com\",\"password\":\"abc\\ud800\",\"name\":\"N\","
                    + "\"redirect_uri\":\"http://localhost:3000/\"}",
            "{\"email\":\"" + WHO + "\\udc00@example.com\",\"password\":\"password-123\",\"name\":\"N\\ud83d\","
                    + "\"redirect_uri\":\"http://localhost:3000/\"}",
            "{\"email\":\"" + WHO + "@example.com\",\"password\":\"password-123\",\"name\":\"N\","
                    + "\"redirect_uri\":\"http://localhost:3000/\",\"\\ud800\":\"field name\"}");

    @Test
    void brokenPercentEscapesInAFormAnswer400Json(Lanyard lanyard) {
        List<String> failures = new ArrayList<>();
        for (String route : FORM_ROUTES) {
            for (String body : BROKEN_FORMS) {
                Reply reply = lanyard.browser().send("POST", lanyard.api(route), FORM, body);
                check(failures, "POST " + route + " form " + body, reply);
            }
        }
        assertTrue(failures.isEmpty(), "Routes that do not answer 400 JSON:\n" + String.join("\n", failures));
    }

    @Test
    void brokenPercentEscapesWithACharsetAnswer400Json(Lanyard lanyard) {
        assertEveryFormRoute(lanyard, FORM + "; charset=UTF-8", "token=%zz&x=%E0%A4%A", 400);
    }

    @Test
    void formBytesThatAreNoUtf8Answer400Json(Lanyard lanyard) {
        assertEveryFormRoute(lanyard, FORM, "token=%FF%FEabc&x=%ED%A0%80", 400);
    }

    @Test
    void formInAnUnknownCharsetAnswers415Json(Lanyard lanyard) {
        assertEveryFormRoute(lanyard, FORM + "; charset=no-such-charset", "token=%41bc", 415);
    }

    /** Every form route answers {@code body} of {@code contentType} with {@code status} and a JSON error. */
    private static void assertEveryFormRoute(Lanyard lanyard, String contentType, String body, int status) {
        List<String> failures = new ArrayList<>();
        for (String route : FORM_ROUTES) {
            Reply reply = lanyard.browser().send("POST", lanyard.api(route), contentType, body);
            check(failures, "POST " + route + " " + contentType + " " + body, reply, status);
        }
        assertTrue(failures.isEmpty(), "Routes that do not answer " + status + " JSON:\n" + String.join("\n", failures));
    }

    @Test
    void multipartBodiesAnswer415Json(Lanyard lanyard) {
        List<String> failures = new ArrayList<>();
        for (String route : allRoutes()) {
            check(failures, "POST " + route + " broken multipart", lanyard.browser().send("POST", lanyard.api(route),
                    "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n%zz"), 415);
            check(failures, "POST " + route + " well-formed multipart", lanyard.browser().send("POST", lanyard.api(route),
                    "multipart/form-data; boundary=xyz",
                    "--xyz\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nabc\r\n--xyz--\r\n"), 415);
        }
        assertTrue(failures.isEmpty(), "Routes that do not answer 415 JSON:\n" + String.join("\n", failures));
    }

    @Test
    void unpairedSurrogateEscapesInJsonAnswer400Json(Lanyard lanyard) {
        List<String> failures = new ArrayList<>();
        for (String route : JSON_ROUTES) {
            for (String body : SURROGATE_JSON) {
                Reply reply = lanyard.browser().postJson(lanyard.api(route), body);
                check(failures, "POST " + route + " json " + body, reply);
            }
        }
        assertTrue(failures.isEmpty(), "Routes that do not answer 400 JSON:\n" + String.join("\n", failures));
    }

    @Test
    void unpairedSurrogateEscapesInJsonAnswer400JsonOnTheOAuthRoutes(Lanyard lanyard) {
        List<String> failures = new ArrayList<>();
        for (String route : List.of("/oauth/token", "/oauth/revoke", "/oauth/introspect", "/oauth/userinfo")) {
            Reply reply = lanyard.browser().postJson(lanyard.api(route),
                    "{\"grant_type\":\"password\",\"client_id\":\"lanyard-demo-app\",\"token\":\"\\ud800\","
                            + "\"access_token\":\"\\udfff\",\"username\":\"demo\\ud800\",\"password\":\"x\"}");
            check(failures, "POST " + route + " json", reply);
        }
        assertTrue(failures.isEmpty(), "Routes that do not answer 400 JSON:\n" + String.join("\n", failures));
    }

    @Test
    void bytesThatAreNoUtf8InJsonAnswer400Json(Lanyard lanyard) {
        List<String> failures = new ArrayList<>();
        List<byte[]> bodies = List.of(
                // A surrogate encoded as UTF-8 (CESU style), which UTF-8 forbids.
                concat("{\"email\":\"", new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        "x@example.com\",\"password\":\"abc\",\"name\":\"N\",\"redirect_uri\":\"http://localhost:3000/\"}"),
                // A lone continuation byte and a cut-short sequence.
                concat("{\"email\":\"", new byte[]{(byte) 0x80, (byte) 0xE0, (byte) 0xA4},
                        "@example.com\",\"password\":\"abc\",\"name\":\"N\",\"redirect_uri\":\"http://localhost:3000/\"}"),
                // Latin-1, not UTF-8.
                concat("{\"email\":\"j", new byte[]{(byte) 0xFC},
                        "rgen@example.com\",\"password\":\"abc\",\"name\":\"N\",\"redirect_uri\":\"http://localhost:3000/\"}"));
        for (String route : JSON_ROUTES) {
            for (byte[] body : bodies) {
                Reply reply = sendBytes(lanyard.api(route), "application/json", body);
                check(failures, "POST " + route + " raw bytes " + new String(body, StandardCharsets.ISO_8859_1), reply);
            }
        }
        assertTrue(failures.isEmpty(), "Routes that do not answer 400 JSON:\n" + String.join("\n", failures));
    }

    private static List<String> allRoutes() {
        List<String> routes = new ArrayList<>(FORM_ROUTES);
        routes.addAll(JSON_ROUTES);
        return routes;
    }

    private static void check(List<String> failures, String request, Reply reply) {
        check(failures, request, reply, 400);
    }

    private static void check(List<String> failures, String request, Reply reply, int status) {
        String problem = problem(reply, status);
        if (problem != null) {
            failures.add(request + " -> " + problem + ": " + reply.status() + " " + abbreviate(reply.body()));
        }
    }

    /** Null when the reply is a JSON error with {@code status}, {@code error} and {@code error_description}. */
    private static String problem(Reply reply, int status) {
        if (reply.status() != status) {
            return "status " + reply.status();
        }
        if (!reply.contentType().startsWith("application/json")) {
            return "content type " + reply.contentType();
        }
        JsonNode json;
        try {
            json = reply.json();
        } catch (UncheckedIOException e) {
            return "no JSON body";
        }
        if (json.path("error").asText().isBlank() || json.path("error_description").asText().isBlank()) {
            return "no error or error_description";
        }
        return null;
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] a = head.getBytes(StandardCharsets.US_ASCII);
        byte[] c = tail.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    private static Reply sendBytes(URI uri, String contentType, byte[] body) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
