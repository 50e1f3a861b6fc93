package dev.lanyard.keycloak.internals;

import dev.lanyard.keycloak.http.RouteEvents;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserConsentModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointChecker;
import org.keycloak.protocol.oidc.endpoints.request.AuthorizationEndpointRequest;
import org.keycloak.protocol.oidc.endpoints.request.AuthorizationEndpointRequestParserProcessor;
import org.keycloak.protocol.oidc.utils.OIDCResponseType;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.UserConsentManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.CommonClientSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Adapter over Keycloak's authorization endpoint ({@code keycloak-services}) for apps that draw their own login and
 * consent screens: a request is checked as the native endpoint checks it, and the code is the one the native
 * endpoint issues after its login page (bound to client, redirect URI, PKCE challenge, nonce and a real user
 * session), so it redeems at any token endpoint of the realm.
 */
public final class KeycloakAuthorizationCodes {

    /** Event detail of a login that ended in a code issued by API (metrics count it). */
    public static final String CODE_DETAIL = "lanyard_code";

    private final KeycloakSession session;
    private final RealmModel realm;

    public KeycloakAuthorizationCodes(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /**
     * {@code parameters} checked for {@code client} (whose {@code redirect_uri} the caller has verified) as Keycloak's
     * authorization endpoint checks them; only the {@code code} response type. {@link Refusal} carries the OAuth error.
     */
    public CodeRequest check(ClientModel client, MultivaluedMap<String, String> parameters) {
        EventBuilder event = events(client).event(EventType.LOGIN);
        AuthorizationEndpointRequest request = AuthorizationEndpointRequestParserProcessor.parseRequest(
                event, session, client, parameters, AuthorizationEndpointRequestParserProcessor.EndpointType.OIDC_AUTH_ENDPOINT);
        AuthorizationEndpointChecker checker = new AuthorizationEndpointChecker()
                .event(event).client(client).realm(realm).request(request).session(session).params(parameters);
        try {
            checker.checkRedirectUri();
            checker.checkResponseType();
            if (!OIDCResponseType.CODE.equals(request.getResponseType())) {
                throw new Refusal("unsupported_response_type", "Only the code response type is served here");
            }
            // The answer is a redirect URI: a form_post or web_message answer would be a page, not a URI.
            String mode = request.getResponseMode();
            if (mode != null && !mode.equals("query") && !mode.equals("fragment")) {
                throw new Refusal("invalid_request", "Only the query and fragment response modes are served here");
            }
            checker.checkInvalidRequestMessage();
            checker.checkOIDCRequest();
            checker.checkValidScope();
            checker.checkOIDCParams();
            checker.checkPKCEParams();
        } catch (AuthorizationEndpointChecker.AuthorizationCheckException e) {
            throw new Refusal(e.getError(), e.getErrorDescription());
        }
        return new CodeRequest(client, request, checker.getRedirectUri());
    }

    /** The client scopes of the request that the consent screen shows (the client itself among them when it is shown). */
    public Stream<ClientScopeModel> consentScopes(ClientModel client, String scope, UserModel user) {
        return TokenManager.getRequestedClientScopes(session, scope, client, user)
                .filter(ClientScopeModel::isDisplayOnConsentScreen);
    }

    /** Whether the user granted {@code scope} to the client in Keycloak's consent store. */
    public boolean isGranted(UserModel user, ClientModel client, ClientScopeModel scope) {
        UserConsentModel consent = UserConsentManager.getConsentByClient(session, realm, user, client.getId());
        return consent != null && consent.isClientScopeGranted(scope);
    }

    /** Whether the user must still consent: the client asks for consent and a scope it shows is not granted yet. */
    public boolean needsConsent(UserModel user, CodeRequest request) {
        ClientModel client = request.client();
        return client.isConsentRequired()
                && consentScopes(client, request.request().getScope(), user).anyMatch(scope -> !isGranted(user, client, scope));
    }

    /** Records the user's consent to every scope of the request that the consent screen shows. */
    public void grantConsent(UserModel user, CodeRequest request) {
        KeycloakConsents.grant(session, user, request.client(), consentScopes(request.client(), request.request().getScope(), user)
                .map(ClientScopeModel::getId).collect(Collectors.toSet()));
    }

    /**
     * Issues the code for {@code userSession} (a client session of the client is joined to it) and returns the
     * redirect Keycloak would send: {@code redirect_uri} with {@code code}, {@code state}, {@code session_state} and
     * {@code iss}. {@code notes} go to the client session (Keycloak copies a login's client notes there), where
     * protocol mappers read them when the code is redeemed; each overwrites what an earlier login left.
     * {@code consentGranted}: the user approved the consent screen for this code (recorded in the event).
     */
    public URI issue(UserSessionModel userSession, CodeRequest request, Map<String, String> notes, String route, boolean consentGranted) {
        ClientModel client = request.client();
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).createAuthenticationSession(realm, false);
        try {
            AuthenticationSessionModel login = root.createAuthenticationSession(client);
            login.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
            login.setRedirectUri(request.redirectUri());
            login.setAction(CommonClientSessionModel.Action.AUTHENTICATE.name());
            login.setClientNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM, request.request().getResponseType());
            login.setClientNote(OIDCLoginProtocol.REDIRECT_URI_PARAM, (String) KeycloakSignatures.read(request.request(), "getRedirectUri", "getRedirectUriParam"));
            login.setClientNote(OIDCLoginProtocol.ISSUER, Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
            AuthorizationEndpoint.performActionOnParameters(request.request(), (name, value) -> {
                if (value != null) {
                    login.setClientNote(name, value);
                }
            });
            notes.forEach(login::setClientNote);
            login.setAuthenticatedUser(userSession.getUser());
            AuthenticationManager.setClientScopesInSession(session, login);
            ClientSessionContext context = TokenManager.attachAuthenticationSession(session, userSession, login);
            EventBuilder event = events(client).event(EventType.LOGIN).user(userSession.getUser()).session(userSession)
                    .detail(RouteEvents.ROUTE_DETAIL, route).detail(CODE_DETAIL, "issued").detail("redirect_uri", request.redirectUri());
            if (consentGranted) {
                // As Keycloak's consent screen records an approval.
                event.detail(Details.CONSENT, Details.CONSENT_VALUE_CONSENT_GRANTED);
            }
            URI location = new OIDCLoginProtocol(session, realm, session.getContext().getUri(), session.getContext().getRequestHeaders(), event)
                    .authenticated(login, userSession, context)
                    .getLocation();
            event.success();
            return location;
        } finally {
            session.authenticationSessions().removeRootAuthenticationSession(realm, root);
        }
    }

    private EventBuilder events(ClientModel client) {
        return new EventBuilder(realm, session, session.getContext().getConnection()).client(client);
    }

    /** An authorization request that Keycloak's checks accepted, and the redirect URI it resolved. */
    public record CodeRequest(ClientModel client, AuthorizationEndpointRequest request, String redirectUri) {

        public String state() {
            return request.getState();
        }

        public String scope() {
            return request.getScope();
        }

        /** {@code prompt=login}: the client wants the user to prove who they are again, on a login page. */
        public boolean asksForNewLogin() {
            return request.getPrompt() != null && List.of(request.getPrompt().split(" ")).contains("login");
        }
    }

    /** An authorization request refused with an RFC 6749 error, to be sent to the (verified) redirect URI. */
    public static final class Refusal extends RuntimeException {

        private final String error;

        public Refusal(String error, String description) {
            super(description);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }
}
