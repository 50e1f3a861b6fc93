package dev.lanyard.keycloak.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a JSON request body into a request type, turning every client mistake into an {@link ApiException}:
 * 415 for another media type, 413 past the size limit, 400 for malformed JSON, a body that is no object, or
 * a field of the wrong type, or a string that is no Unicode text (an unpaired surrogate). Unknown fields are
 * ignored, so clients may send more than a route reads.
 */
public final class JsonBody {

    public static final int DEFAULT_LIMIT_BYTES = 64 * 1024;

    private static final JsonMapper MAPPER = strictMapper();

    private JsonBody() {
    }

    public static <T> T read(HttpHeaders headers, InputStream body, Class<T> type) {
        return read(headers, body, type, DEFAULT_LIMIT_BYTES);
    }

    public static <T> T read(HttpHeaders headers, InputStream body, Class<T> type, int limitBytes) {
        requireJson(headers.getMediaType());
        if (headers.getLength() > limitBytes) {
            throw ApiException.payloadTooLarge(limitBytes);
        }
        return parse(readLimited(body, limitBytes), type);
    }

    static void requireJson(MediaType mediaType) {
        if (mediaType == null || !isJson(mediaType)) {
            throw ApiException.unsupportedMediaType(MediaType.APPLICATION_JSON);
        }
    }

    static boolean isJson(MediaType mediaType) {
        return "application".equalsIgnoreCase(mediaType.getType())
                && ("json".equalsIgnoreCase(mediaType.getSubtype()) || mediaType.getSubtype().toLowerCase().endsWith("+json"));
    }

    static byte[] readLimited(InputStream body, int limitBytes) {
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes(limitBytes + 1);
            if (bytes.length > limitBytes) {
                throw ApiException.payloadTooLarge(limitBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.invalidRequest("The request body could not be read");
        }
    }

    /** A JSON value carried as text (a form field holding an object), read as a body is: 400 when it is not {@code type}. */
    public static <T> T parse(String json, Class<T> type) {
        return parse(json.getBytes(StandardCharsets.UTF_8), type);
    }

    static <T> T parse(byte[] bytes, Class<T> type) {
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw ApiException.invalidRequest("A JSON body is required");
        }
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            requireValidText(tree, new ArrayDeque<>());
            T value = MAPPER.treeToValue(tree, type);
            if (value == null) {
                throw ApiException.invalidRequest("The request body must be a JSON object");
            }
            return value;
        } catch (JsonParseException e) {
            throw ApiException.invalidRequest("The request body is not valid JSON");
        } catch (JsonMappingException e) {
            throw ApiException.invalidRequest(describe(e));
        } catch (JacksonException e) {
            throw ApiException.invalidRequest("The request body is not valid JSON");
        } catch (IOException e) {
            throw ApiException.invalidRequest("The request body could not be read");
        }
    }

    /**
     * JSON escapes can spell half of a UTF-16 surrogate pair without the other half (valid JSON, but no text), or a
     * NUL character (text no PostgreSQL column can hold). Either breaks whatever stores or encodes it later
     * (Keycloak's password hashing, a user lookup on PostgreSQL: 500s), so it is refused here, in values and field
     * names alike.
     */
    private static void requireValidText(JsonNode node, Deque<String> path) {
        if (node.isTextual() && !isValidText(node.textValue())) {
            throw ApiException.invalidRequest(path.isEmpty()
                    ? "The request body is not valid Unicode text"
                    : "Field '" + String.join(".", path) + "' is not valid Unicode text");
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!isValidText(field.getKey())) {
                    throw ApiException.invalidRequest("A field name is not valid Unicode text");
                }
                path.addLast(field.getKey());
                requireValidText(field.getValue(), path);
                path.removeLast();
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.addLast("[" + i + "]");
                requireValidText(node.get(i), path);
                path.removeLast();
            }
        }
    }

    /** Whether {@code text} has no NUL and every surrogate in it is half of a pair. */
    static boolean isValidText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "The request body must be a JSON object";
        }
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return "Field '" + field + "' has the wrong type";
    }

    private static JsonMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // A number or boolean where a string is expected is a client mistake, not something to coerce.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
