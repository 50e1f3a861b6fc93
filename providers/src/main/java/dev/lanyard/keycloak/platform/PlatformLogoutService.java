package dev.lanyard.keycloak.platform;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RequestParameters;
import dev.lanyard.keycloak.internals.KeycloakLogoutRedirects;
import dev.lanyard.keycloak.internals.NativeOidcEndpoints;
import dev.lanyard.keycloak.signin.SignOut;
import dev.lanyard.keycloak.signin.SignedInUser;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.IDToken;

import java.net.URI;
import java.util.Optional;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), tenant-agnostic. It ends the browser's own session
 * (found by cookie) when the {@code id_token_hint} names it, or when a trusted page asks;
 * a trusted page's hint of another session ends that session only. Anything else (another site's link, image or
 * hint of its own) ends nothing and sends the browser to Keycloak's logout confirmation page. Afterwards it goes
 * to {@code post_logout_redirect_uri} (with {@code state}) only when the client, named by {@code client_id} or the
 * hint, registered that URI; otherwise it answers 200 {@code logged_out}.
 */
final class PlatformLogoutService {

    private final KeycloakSession session;

    PlatformLogoutService(KeycloakSession session) {
        this.session = session;
    }

    /**
     * {@code browserSession}: who is signed in in this browser; {@code fromTrustedPage}: a trusted page sent the request;
     * {@code tenant}: the tenant of a tenant route, whose apps alone may name a redirect there; null on the platform route.
     */
    Response logout(Optional<SignedInUser> browserSession, boolean fromTrustedPage, OrganizationModel tenant, String route) {
        RequestParameters query = RequestParameters.query(session);
        Optional<String> hint = query.optional("id_token_hint");
        Optional<String> redirect = query.optional("post_logout_redirect_uri");
        Optional<String> state = query.optional("state");
        Optional<String> clientId = query.optional("client_id");
        query.check();
        RealmModel realm = session.getContext().getRealm();
        Optional<IDToken> idToken = hint.map(this::verifiedHint);
        if (clientId.isPresent() && idToken.isPresent() && !clientId.get().equals(idToken.get().getIssuedFor())) {
            throw ApiException.invalidRequest("The client_id is not the client the ID token was issued to");
        }
        Optional<ClientModel> client = clientId.or(() -> idToken.map(IDToken::getIssuedFor))
                .map(realm::getClientByClientId)
                .filter(ClientModel::isEnabled)
                .filter(app -> tenant == null || PlatformApps.servesTenant(app, tenant));
        Optional<String> validated = redirect.flatMap(uri -> client.flatMap(app -> KeycloakLogoutRedirects.verify(session, app, uri)));

        // An expired hint still names its session (as at Keycloak's endpoint); it ends that session only from the
        // browser whose session it is, or from a trusted page.
        Optional<String> sid = idToken.map(IDToken::getSessionId);
        boolean ownSession = idToken.isPresent() && browserSession
                .map(SignedInUser::userSession)
                .filter(userSession -> names(idToken.get(), userSession))
                .isPresent();
        if (!ownSession && !fromTrustedPage) {
            // Another site's page (a link, an image, a hint of its own: KEYCLOAK_IDENTITY is SameSite=None) must not sign
            // this browser out; as Keycloak does for a hint of another session, the user decides on its confirmation page.
            return Response.status(Response.Status.FOUND).location(confirmationPage(client, validated, state)).build();
        }
        if (sid.isPresent() && !ownSession) {
            // A trusted page's hint of another session ends that session; this browser stays signed in.
            Optional.ofNullable(session.sessions().getUserSession(realm, sid.get()))
                    .filter(userSession -> names(idToken.get(), userSession))
                    .ifPresent(userSession -> SignOut.other(session, userSession, route));
        } else {
            // The browser's own session: its hint named it, or a trusted page asked without naming another.
            SignOut.browser(session, browserSession, route);
        }
        if (validated.isEmpty()) {
            return Response.ok(new StatusRepresentation("logged_out")).build();
        }
        UriBuilder target = UriBuilder.fromUri(validated.get());
        state.ifPresent(value -> target.queryParam("state", "{state}"));
        return Response.status(Response.Status.FOUND)
                .location(state.isPresent() ? target.build(state.get()) : target.build())
                .build();
    }

    /** The hint's ID token: signed by this realm and issued to one of its clients, as Keycloak's logout endpoint requires. */
    private IDToken verifiedHint(String hint) {
        IDToken token = KeycloakLogoutRedirects.idToken(session, hint)
                .orElseThrow(() -> ApiException.invalidRequest("The id_token_hint is not a valid ID token of this realm"));
        if (token.getIssuedFor() == null || session.getContext().getRealm().getClientByClientId(token.getIssuedFor()) == null) {
            throw ApiException.invalidRequest("The id_token_hint was not issued to a client of this realm");
        }
        return token;
    }

    /**
     * Whether the hint names the user session: its {@code sid}, issued once the session had begun (Keycloak's check too:
     * an older hint belongs to an earlier session of the same id).
     */
    private static boolean names(IDToken token, UserSessionModel userSession) {
        return userSession.getId().equals(token.getSessionId())
                && token.getIat() != null && token.getIat() + 1 >= userSession.getStarted();
    }

    /**
     * Keycloak's own logout endpoint, which asks the user before it ends anything. The hint stays behind (it might
     * not be this browser's); the client and its validated redirect go along, so that the page returns to the app.
     */
    private URI confirmationPage(Optional<ClientModel> client, Optional<String> validated, Optional<String> state) {
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        client.ifPresent(app -> parameters.putSingle("client_id", app.getClientId()));
        validated.ifPresent(uri -> {
            parameters.putSingle("post_logout_redirect_uri", uri);
            state.ifPresent(value -> parameters.putSingle("state", value));
        });
        return NativeOidcEndpoints.logoutUri(session, parameters);
    }
}
