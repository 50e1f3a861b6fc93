package dev.lanyard.keycloak.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;

/** What the caller accepts in answer: a browser asks for HTML, an API caller (or one that names JSON first) for JSON. */
public final class AcceptHeader {

    private AcceptHeader() {
    }

    /** Whether the caller is a browser that wants a page rather than a JSON answer. */
    public static boolean prefersPage(KeycloakSession session) {
        String accept = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML)
                && !accept.trim().startsWith(MediaType.APPLICATION_JSON);
    }
}
