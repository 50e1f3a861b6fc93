package dev.lanyard.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An HTTP answer: status, headers and body, with the body readable as JSON. */
public record Reply(int status, HttpHeaders headers, String body) {

    public static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON (status " + status + "): " + body, e);
        }
    }

    /** The claims of a JWT, unverified (tests only read what Keycloak put there). */
    public static JsonNode claimsOf(String jwt) {
        try {
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values of a JSON array as text. */
    public static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The Set-Cookie header that sets the named cookie, if the answer has one. */
    public Optional<String> setCookie(String name) {
        return headers.allValues("Set-Cookie").stream().filter(value -> value.startsWith(name + "=")).findFirst();
    }

    public String contentType() {
        return header("Content-Type").orElse("");
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
