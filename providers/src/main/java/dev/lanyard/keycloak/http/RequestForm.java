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

/**
 * The parameters of a request body that may be a form or a flat JSON object (the seeds send both to the
 * OAuth routes). JSON strings, numbers and booleans become form values, an array of them a repeated parameter
 * (as {@code resource=a&resource=b}); objects are a client mistake.
 */
public final class RequestForm {

    private RequestForm() {
    }

    public static MultivaluedMap<String, String> read(KeycloakSession session, InputStream body) {
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
