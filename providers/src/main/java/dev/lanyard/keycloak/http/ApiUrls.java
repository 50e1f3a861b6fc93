package dev.lanyard.keycloak.http;

import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.urls.UrlType;

import java.net.URI;
import java.util.Optional;

/** Absolute URLs of Lanyard routes, for links in mails and the actions of themed pages. */
public final class ApiUrls {

    /** The realm attribute behind "Frontend URL" in the admin console's realm settings. */
    private static final String FRONTEND_URL = "frontendUrl";

    private ApiUrls() {
    }

    /** {@code {base}/realms/{realm}/api/{route}} of the request's realm, for pages answered to this request. */
    public static UriBuilder of(KeycloakSession session, String route) {
        return route(session.getContext().getUri().getBaseUriBuilder(), session, route);
    }

    /**
     * {@code {api}/{route}} for a link that leaves by mail: from the realm's Frontend URL, else from Keycloak's
     * configured {@code hostname}, never from the request (its {@code Host} or forwarded headers are the caller's
     * to choose, and a mailed secret must not travel to a host the caller picked). Empty where neither is set.
     */
    public static Optional<UriBuilder> mailed(KeycloakSession session, String route) {
        return mailBase(session).map(base -> route(UriBuilder.fromUri(base), session, route));
    }

    /** The base URL of mailed links (see {@link #mailed}); empty where the realm and the server configure none. */
    public static Optional<URI> mailBase(KeycloakSession session) {
        return hasConfiguredOrigin(session.getContext().getRealm())
                ? Optional.of(session.getContext().getUri(UrlType.FRONTEND).getBaseUri())
                : Optional.empty();
    }

    /** Whether the realm's Frontend URL or the server's hostname says where the realm is reached. */
    public static boolean hasConfiguredOrigin(RealmModel realm) {
        return isSet(realm.getAttribute(FRONTEND_URL)) || isSet(Config.scope("hostname", "v2").get("hostname"));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static UriBuilder route(UriBuilder base, KeycloakSession session, String route) {
        return base.path("realms").path(session.getContext().getRealm().getName()).path("api").path(route);
    }
}
