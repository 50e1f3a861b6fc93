package dev.lanyard.keycloak.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
