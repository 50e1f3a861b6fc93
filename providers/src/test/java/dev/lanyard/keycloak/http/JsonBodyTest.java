package dev.lanyard.keycloak.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonBodyTest {

    record LoginRequest(String email, String password, @JsonProperty("remember_me") Boolean rememberMe) {
    }

    @Test
    void readsAnObjectAndIgnoresUnknownFields() {
        LoginRequest request = JsonBody.parse(bytes("{\"email\":\"a@b.c\",\"password\":\"pw\",\"remember_me\":true,\"extra\":1}"),
                LoginRequest.class);
        assertEquals("a@b.c", request.email());
        assertEquals("pw", request.password());
        assertEquals(Boolean.TRUE, request.rememberMe());
    }

    @Test
    void malformedJsonIsInvalidRequest() {
        assertError(400, "invalid_request", "The request body is not valid JSON",
                () -> JsonBody.parse(bytes("{\"email\": "), LoginRequest.class));
    }

    @Test
    void trailingGarbageIsInvalidRequest() {
        assertError(400, "invalid_request", "The request body is not valid JSON",
                () -> JsonBody.parse(bytes("{\"email\":\"a\"} x"), LoginRequest.class));
    }

    @Test
    void emptyBodyIsInvalidRequest() {
        assertError(400, "invalid_request", "A JSON body is required", () -> JsonBody.parse(bytes("  "), LoginRequest.class));
    }

    @Test
    void bodyThatIsNoObjectIsInvalidRequest() {
        assertError(400, "invalid_request", "The request body must be a JSON object",
                () -> JsonBody.parse(bytes("[1,2]"), LoginRequest.class));
        assertError(400, "invalid_request", "The request body must be a JSON object",
                () -> JsonBody.parse(bytes("null"), LoginRequest.class));
    }

    @Test
    void numberWhereAStringBelongsIsNotCoerced() {
        assertError(400, "invalid_request", "Field 'email' has the wrong type",
                () -> JsonBody.parse(bytes("{\"email\":5}"), LoginRequest.class));
        assertError(400, "invalid_request", "Field 'password' has the wrong type",
                () -> JsonBody.parse(bytes("{\"password\":{\"a\":1}}"), LoginRequest.class));
    }

    @Test
    void stringWhereABooleanBelongsIsNotCoerced() {
        assertError(400, "invalid_request", "Field 'remember_me' has the wrong type",
                () -> JsonBody.parse(bytes("{\"remember_me\":\"yes\"}"), LoginRequest.class));
    }

    @Test
    void bodyOverTheLimitIsPayloadTooLarge() {
        byte[] body = bytes("{\"email\":\"" + "x".repeat(100) + "\"}");
        assertError(413, "payload_too_large", "The request body exceeds 64 bytes",
                () -> JsonBody.readLimited(new ByteArrayInputStream(body), 64));
        assertEquals(body.length, JsonBody.readLimited(new ByteArrayInputStream(body), body.length).length);
    }

    @Test
    void onlyJsonMediaTypesAreAccepted() {
        JsonBody.requireJson(MediaType.APPLICATION_JSON_TYPE);
        JsonBody.requireJson(new MediaType("application", "merge-patch+json"));
        JsonBody.requireJson(new MediaType("application", "json", "utf-8"));
        assertError(415, "unsupported_media_type", "The request body must be application/json",
                () -> JsonBody.requireJson(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
        assertError(415, "unsupported_media_type", "The request body must be application/json",
                () -> JsonBody.requireJson(null));
    }

    @Test
    void unpairedSurrogateInAStringIsInvalidRequest() {
        assertError(400, "invalid_request", "Field 'email' is not valid Unicode text",
                () -> JsonBody.parse(bytes("{\"email\":\"\\ud800x@example.com\",\"password\":\"pw\"}"), LoginRequest.class));
        assertError(400, "invalid_request", "Field 'password' is not valid Unicode text",
                () -> JsonBody.parse(bytes("{\"email\":\"a@b.c\",\"password\":\"\\udfffabc\"}"), LoginRequest.class));
        assertError(400, "invalid_request", "Field 'password' is not valid Unicode text",
                () -> JsonBody.parse(bytes("{\"password\":\"abc\\ud83d\"}"), LoginRequest.class));
        assertError(400, "invalid_request", "Field 'password' is not valid Unicode text",
                () -> JsonBody.parse(bytes("{\"password\":\"\\ude00\\ud83d\"}"), LoginRequest.class));
    }

    @Test
    void unpairedSurrogateInAFieldTheRouteDoesNotReadIsInvalidRequestToo() {
        assertError(400, "invalid_request", "Field 'extra.list.[1]' is not valid Unicode text",
                () -> JsonBody.parse(bytes("{\"email\":\"a@b.c\",\"extra\":{\"list\":[\"ok\",\"\\udc00\"]}}"),
                        LoginRequest.class));
    }

    @Test
    void unpairedSurrogateInAFieldNameIsInvalidRequest() {
        // Jackson's UTF-8 parser refuses these names itself; JsonBody checks names too, whatever parses them.
        for (String name : new String[]{"\\ud800", "\\udc00", "x\\ud800y", "\\ud800\\ud800"}) {
            ApiException e = assertThrows(ApiException.class,
                    () -> JsonBody.parse(bytes("{\"email\":\"a@b.c\",\"" + name + "\":1}"), LoginRequest.class));
            assertEquals(400, e.status());
            assertEquals("invalid_request", ((OAuth2ErrorRepresentation) e.body()).getError());
        }
    }

    @Test
    void unpairedSurrogateIsRefusedWhenTheBodyIsReadAsATree() {
        assertError(400, "invalid_request", "Field 'token' is not valid Unicode text",
                () -> JsonBody.parse(bytes("{\"token\":\"\\ud800\"}"), JsonNode.class));
        assertError(400, "invalid_request", "The request body is not valid Unicode text",
                () -> JsonBody.parse(bytes("\"\\ud800\""), JsonNode.class));
    }

    @Test
    void pairedSurrogatesAreText() {
        LoginRequest escaped = JsonBody.parse(bytes("{\"email\":\"\\ud83d\\ude00@b.c\",\"password\":\"p\\ud834\\udd1ew\"}"),
                LoginRequest.class);
        assertEquals("\uD83D\uDE00@b.c", escaped.email());
        assertEquals("p\uD834\uDD1Ew", escaped.password());
        LoginRequest raw = JsonBody.parse(bytes("{\"email\":\"\uD83D\uDE00@b.c\",\"password\":\"gr\u00FC\u00DF\"}"),
                LoginRequest.class);
        assertEquals("\uD83D\uDE00@b.c", raw.email());
        assertEquals("gr\u00FC\u00DF", raw.password());
    }

    @Test
    void bytesThatAreNoUtf8AreInvalidRequest() {
        byte[] cesuSurrogate = {'{', '"', 'e', 'm', 'a', 'i', 'l', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        assertError(400, "invalid_request", "The request body is not valid JSON",
                () -> JsonBody.parse(cesuSurrogate, LoginRequest.class));
        byte[] latin1 = {'{', '"', 'e', 'm', 'a', 'i', 'l', '"', ':', '"', 'j', (byte) 0xFC, '"', '}'};
        assertError(400, "invalid_request", "The request body is not valid JSON",
                () -> JsonBody.parse(latin1, LoginRequest.class));
    }

    @Test
    void textValidityChecksEverySurrogate() {
        assertTrue(JsonBody.isValidText(""));
        assertTrue(JsonBody.isValidText("plain ascii"));
        assertTrue(JsonBody.isValidText("\uD83D\uDE00 and \uD834\uDD1E"));
        assertFalse(JsonBody.isValidText("\uD800"));
        assertFalse(JsonBody.isValidText("x\uDC00"));
        assertFalse(JsonBody.isValidText("\uDE00\uD83D"));
        assertFalse(JsonBody.isValidText("\uD83D\uD83D\uDE00"));
        assertFalse(JsonBody.isValidText("a\u0000b"), "no NUL: PostgreSQL cannot store it");
    }

    static void assertError(int status, String error, String description, Runnable action) {
        ApiException e = assertThrows(ApiException.class, action::run);
        assertEquals(status, e.status());
        OAuth2ErrorRepresentation body = (OAuth2ErrorRepresentation) e.body();
        assertEquals(error, body.getError());
        assertEquals(description, body.getErrorDescription());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
