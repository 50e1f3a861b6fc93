package dev.lanyard.keycloak.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of one part of a request (query, body or headers), read as seed 001 documents its platform
 * routes: a required parameter that is absent or empty, or any named parameter of the wrong type (a JSON number
 * where text belongs), is collected, and {@link #check} answers every such problem at once with 422
 * {@link ValidationErrorRepresentation}. Failures of the request's meaning (unknown client, bad code) are not
 * shape problems: routes answer those as OAuth does.
 */
public final class RequestParameters {

    private static final String MISSING = "missing";

    private final String location;
    private final MultivaluedMap<String, String> values;
    private final Set<String> notText;
    private final List<ValidationErrorRepresentation.Problem> problems = new ArrayList<>();

    private RequestParameters(String location, MultivaluedMap<String, String> values, Set<String> notText) {
        this.location = location;
        this.values = values;
        this.notText = notText;
    }

    public static RequestParameters query(KeycloakSession session) {
        return new RequestParameters("query", new MultivaluedHashMap<>(session.getContext().getUri().getQueryParameters()), Set.of());
    }

    public static RequestParameters headers(KeycloakSession session) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        session.getContext().getRequestHeaders().getRequestHeaders()
                .forEach((name, list) -> headers.put(name.toLowerCase(), list));
        return new RequestParameters("header", headers, Set.of());
    }

    /** A form body, or a flat JSON object; no body at all reads as an empty form. */
    public static RequestParameters body(KeycloakSession session, InputStream body) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        MediaType type = headers.getMediaType();
        if (type == null) {
            byte[] bytes = JsonBody.readLimited(body, JsonBody.DEFAULT_LIMIT_BYTES);
            if (bytes.length > 0) {
                throw ApiException.unsupportedMediaType("application/x-www-form-urlencoded or application/json");
            }
            return new RequestParameters("body", new MultivaluedHashMap<>(), Set.of());
        }
        if (FormBody.isForm(type)) {
            return new RequestParameters("body", FormBody.read(session), Set.of());
        }
        if (!JsonBody.isJson(type)) {
            throw ApiException.unsupportedMediaType("application/x-www-form-urlencoded or application/json");
        }
        JsonNode object = JsonBody.read(headers, body, JsonNode.class);
        if (!object.isObject()) {
            throw ApiException.withBody(422, "validation_error", new ValidationErrorRepresentation(List.of(
                    new ValidationErrorRepresentation.Problem(List.of("body"), "Input should be a valid dictionary", "dict_type"))));
        }
        MultivaluedMap<String, String> values = new MultivaluedHashMap<>();
        Set<String> notText = new HashSet<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                values.add(field.getKey(), value.textValue());
            } else if (!value.isNull()) {
                notText.add(field.getKey());
            }
        }
        return new RequestParameters("body", values, notText);
    }

    /** The parameter's value; a problem is noted (and null returned) when it is absent, empty or not text. */
    public String required(String name) {
        String value = optional(name).orElse(null);
        if (value == null && !notText.contains(name)) {
            problems.add(problem(name, "Field required", MISSING));
        }
        return value;
    }

    /** The parameter's value if it was given and is not empty; a problem is noted when it is not text. */
    public Optional<String> optional(String name) {
        if (notText.contains(name)) {
            problems.add(problem(name, "Input should be a valid string", "string_type"));
            return Optional.empty();
        }
        return Optional.ofNullable(values.getFirst(name)).filter(value -> !value.isEmpty());
    }

    /** The parameter's value, which must be one of {@code allowed}. */
    public String oneOf(String name, List<String> allowed) {
        String value = required(name);
        if (value != null && !allowed.contains(value)) {
            problems.add(problem(name, "Input should be " + String.join(" or ", allowed.stream().map(a -> "'" + a + "'").toList()),
                    "literal_error"));
            return null;
        }
        return value;
    }

    /** 422 with every problem noted so far; nothing when there is none. */
    public RequestParameters check() {
        if (!problems.isEmpty()) {
            throw ApiException.withBody(422, "validation_error", new ValidationErrorRepresentation(List.copyOf(problems)));
        }
        return this;
    }

    /** Every parameter as given, for a native endpoint that reads its own. */
    public MultivaluedMap<String, String> all() {
        return values;
    }

    private ValidationErrorRepresentation.Problem problem(String name, String message, String type) {
        return new ValidationErrorRepresentation.Problem(List.of(location, name), message, type);
    }
}
