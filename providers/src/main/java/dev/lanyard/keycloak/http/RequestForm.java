package dev.lanyard.keycloak.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.models.KeycloakSession;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of a request body that may be a form or a flat JSON object (the seeds send both to the
 * OAuth routes). JSON strings, numbers and booleans become form values, an array of them a repeated parameter
 * (as {@code resource=a&resource=b}); objects are a client mistake, except in the fields a route reads as JSON text
 * (a passkey assertion), which keep their JSON.
 */
public final class RequestForm {

    private RequestForm() {
    }

    public static MultivaluedMap<String, String> read(KeycloakSession session, InputStream body) {
        return read(session, body, Set.of());
    }

    /** As {@link #read(KeycloakSession, InputStream)}, with {@code jsonFields} taken as JSON text when they are objects. */
    public static MultivaluedMap<String, String> read(KeycloakSession session, InputStream body, Set<String> jsonFields) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        MediaType type = headers.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            // Keycloak has read the form already; its decoded parameters are the body.
            return FormBody.read(session);
        }
        if (type == null || !JsonBody.isJson(type)) {
            throw ApiException.unsupportedMediaType("application/x-www-form-urlencoded or application/json");
        }
        JsonNode object = JsonBody.read(headers, body, JsonNode.class);
        if (!object.isObject()) {
            throw ApiException.invalidRequest("The request body must be a JSON object");
        }
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            JsonNode value = field.getValue();
            if (value.isObject() && jsonFields.contains(field.getKey())) {
                form.add(field.getKey(), value.toString());
                continue;
            }
            for (JsonNode item : value.isArray() ? value : List.of(value)) {
                if (item.isContainerNode()) {
                    throw ApiException.invalidRequest("Field '" + field.getKey() + "' must be a string or an array of strings");
                }
                if (!item.isNull()) {
                    form.add(field.getKey(), item.asText());
                }
            }
        }
        return form;
    }
}
