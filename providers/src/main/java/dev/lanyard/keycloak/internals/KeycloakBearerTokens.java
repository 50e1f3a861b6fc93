package dev.lanyard.keycloak.internals;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.common.Profile;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.util.TokenUtil;

import java.util.Optional;

/** Adapter over Keycloak's bearer-token check ({@code keycloak-services}), the one its admin REST API uses. */
public final class KeycloakBearerTokens {

    private KeycloakBearerTokens() {
    }

    /**
     * The verified access token of the request's {@code Authorization} header: active, of this realm, of a live session.
     * With the scheme {@code DPoP} Keycloak's check also verifies the request's DPoP proof (signature, method, URL,
     * freshness, replay, access-token hash) and that the token is bound to the proof's key. Empty for a header that
     * carries no such token.
     */
    public static Optional<Bearer> authenticate(KeycloakSession session) {
        KeycloakContext context = session.getContext();
        AuthenticationManager.AuthResult result;
        try {
            result = new AppAuthManager.BearerTokenAuthenticator(session)
                    .setRealm(context.getRealm())
                    .setUriInfo(context.getUri())
                    .setConnection(context.getConnection())
                    .setHeaders(context.getRequestHeaders())
                    .authenticate();
        } catch (NotAuthorizedException e) {
            // Keycloak's answer to another scheme (Basic) or a second Authorization header: no token, which the caller answers.
            return Optional.empty();
        }
        boolean proofVerified = Profile.isFeatureEnabled(Profile.Feature.DPOP) && hasDPoPScheme(context);
        // A record with user() and friends since Keycloak 26.5, a class with getUser() and friends before.
        return Optional.ofNullable(result).map(found -> new Bearer(
                (UserModel) KeycloakSignatures.read(found, "user", "getUser"),
                (AccessToken) KeycloakSignatures.read(found, "token", "getToken"),
                (ClientModel) KeycloakSignatures.read(found, "client", "getClient"),
                (UserSessionModel) KeycloakSignatures.read(found, "session", "getSession"),
                proofVerified));
    }

    private static boolean hasDPoPScheme(KeycloakContext context) {
        String header = context.getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, TokenUtil.TOKEN_TYPE_DPOP + " ", 0, TokenUtil.TOKEN_TYPE_DPOP.length() + 1);
    }

    /**
     * Whom a bearer token speaks for, the client it was issued to, and the user session it belongs to;
     * {@code proofVerified} when the request carried a DPoP proof that Keycloak verified against the token.
     */
    public record Bearer(UserModel user, AccessToken token, ClientModel client, UserSessionModel userSession,
                         boolean proofVerified) {

        /** A sender-constrained token (RFC 9449 {@code cnf.jkt}) that came without a verified DPoP proof of its key. */
        public boolean lacksProofOfPossession() {
            AccessToken.Confirmation confirmation = token.getConfirmation();
            return confirmation != null && confirmation.getKeyThumbprint() != null && !proofVerified;
        }
    }
}
