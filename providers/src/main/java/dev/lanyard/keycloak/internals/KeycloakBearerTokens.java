package dev.lanyard.keycloak.internals;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.Optional;

/** Adapter over Keycloak's bearer-token check ({@code keycloak-services}), the one its admin REST API uses. */
public final class KeycloakBearerTokens {

    private KeycloakBearerTokens() {
    }

    /** The verified access token of the request's {@code Authorization} header: active, of this realm, of a live session. */
    public static Optional<Bearer> authenticate(KeycloakSession session) {
        KeycloakContext context = session.getContext();
        AuthenticationManager.AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(context.getRealm())
                .setUriInfo(context.getUri())
                .setConnection(context.getConnection())
                .setHeaders(context.getRequestHeaders())
                .authenticate();
        // A record with user() and friends since Keycloak 26.5, a class with getUser() and friends before.
        return Optional.ofNullable(result).map(found -> new Bearer(
                (UserModel) KeycloakSignatures.read(found, "user", "getUser"),
                (AccessToken) KeycloakSignatures.read(found, "token", "getToken"),
                (ClientModel) KeycloakSignatures.read(found, "client", "getClient"),
                (UserSessionModel) KeycloakSignatures.read(found, "session", "getSession")));
    }

    /** Whom a bearer token speaks for, the client it was issued to, and the user session it belongs to. */
    public record Bearer(UserModel user, AccessToken token, ClientModel client, UserSessionModel userSession) {
    }
}
