package dev.lanyard.keycloak.http;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.KeycloakSession;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} body. A body that does not decode (a broken
 * percent-escape) is the client's mistake: 400, where reading it through JAX-RS would answer 500.
 */
public final class FormBody {

    private FormBody() {
    }

    public static MultivaluedMap<String, String> read(KeycloakSession session) {
        try {
            return new MultivaluedHashMap<>(session.getContext().getHttpRequest().getDecodedFormParameters());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ApiException.invalidRequest("The form body is not correctly encoded");
        }
    }
}
