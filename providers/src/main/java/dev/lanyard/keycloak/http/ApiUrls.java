package dev.lanyard.keycloak.http;

import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.KeycloakSession;

/** Absolute URLs of Lanyard routes, for links in mails and the actions of themed pages. */
public final class ApiUrls {

    private ApiUrls() {
    }

    /** {@code {base}/realms/{realm}/api/{route}} of the request's realm. */
    public static UriBuilder of(KeycloakSession session, String route) {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(session.getContext().getRealm().getName()).path("api").path(route);
    }
}
