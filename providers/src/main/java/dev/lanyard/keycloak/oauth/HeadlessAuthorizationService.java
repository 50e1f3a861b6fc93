package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.BuiltInClients;
import dev.lanyard.keycloak.http.FirstPartyClients;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.KeycloakAuthorizationCodes;
import dev.lanyard.keycloak.internals.KeycloakBearerTokens;
import dev.lanyard.keycloak.internals.RegisteredRedirects;
import dev.lanyard.keycloak.permissions.AppAccess;
import dev.lanyard.keycloak.realm.LanyardClientScopes;
import dev.lanyard.keycloak.signin.PublicSessionCookie.SignedInUser;
import dev.lanyard.keycloak.signin.SignInAttempt;
import dev.lanyard.keycloak.signin.SignInPipeline;
import dev.lanyard.keycloak.signin.SignInResult;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Authorization codes by API (seeds 002, 003, 004; ARCHITECTURE §13) for apps that draw their own login and
 * consent screens. The client and its registered redirect URI are checked first and answered with a JSON 400;
 * once both are valid every other failure goes to the redirect URI as RFC 6749 §4.1.2.1 says. A code is issued
 * only for a signed-in user whose account the sign-in pipeline confirms again, with the consent the client asks for.
 */
public final class HeadlessAuthorizationService {

    static final String CLIENT_ID = "client_id";
    static final String REDIRECT_URI = "redirect_uri";
    private static final String STATE = "state";
    private static final String RESPONSE_TYPE = "response_type";
    /** Continuation keys of a PIN challenge that hold an authorization request until the PIN is right. */
    private static final String CONTINUE_AUTHORIZE = "authorize.";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final KeycloakAuthorizationCodes codes;

    public HeadlessAuthorizationService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.codes = new KeycloakAuthorizationCodes(session);
    }

    /**
     * The user a bearer token speaks for, when it may ask for a code for {@code clientId}: an active user access
     * token of a live session, issued to a first-party client or to that client (401 {@code invalid_token} otherwise),
     * that was issued for this route: it carries the scope {@value LanyardClientScopes#AUTHORIZE} (403
     * {@code insufficient_scope} otherwise) and its audience names no resource (401 {@code invalid_token}), so a
     * resource server cannot replay the token it received. A DPoP-bound token needs its DPoP proof (401).
     */
    Optional<SignedInUser> bearer(String clientId) {
        KeycloakBearerTokens.Bearer bearer = KeycloakBearerTokens.authenticate(session)
                .filter(found -> found.userSession() != null && found.user().getServiceAccountClientLink() == null)
                .filter(found -> found.client() != null
                        && (FirstPartyClients.isFirstParty(found.client()) || found.client().getClientId().equals(clientId)))
                .orElseThrow(() -> ApiException.unauthorized("invalid_token",
                        "The bearer token is not a user token of a live session issued to this client or a first-party client"));
        if (bearer.lacksProofOfPossession()) {
            throw ApiException.unauthorized("invalid_token", "The token is DPoP-bound: send it with the DPoP scheme and a DPoP proof");
        }
        if (new ResourceIndicators(session).namesResource(bearer.token().getAudience())) {
            throw ApiException.unauthorized("invalid_token", "The token was issued for a resource server (resource), not for this route");
        }
        if (!hasScope(bearer.token().getScope(), LanyardClientScopes.AUTHORIZE)) {
            throw ApiException.of(403, "insufficient_scope", "The token was not issued with the scope " + LanyardClientScopes.AUTHORIZE);
        }
        return Optional.of(new SignedInUser(bearer.user(), bearer.userSession(), true));
    }

    private static boolean hasScope(String scopes, String scope) {
        return scopes != null && Arrays.asList(scopes.trim().split(" +")).contains(scope);
    }

    /** The client of a request whose {@code redirect_uri} it registered; 400 JSON otherwise, never a redirect. */
    ClientModel verifiedClient(MultivaluedMap<String, String> parameters) {
        String clientId = parameters.getFirst(CLIENT_ID);
        String redirectUri = parameters.getFirst(REDIRECT_URI);
        if (clientId == null || clientId.isBlank()) {
            throw ApiException.invalidRequest("client_id is required");
        }
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null || !client.isEnabled()) {
            throw ApiException.of(400, "invalid_client", "Unknown client");
        }
        if (BuiltInClients.isBuiltIn(client) || !Constants.OIDC_PROTOCOL.equals(Optional.ofNullable(client.getProtocol()).orElse(Constants.OIDC_PROTOCOL))) {
            throw ApiException.of(400, "unauthorized_client", "Codes by API are not issued for this client");
        }
        if (redirectUri == null || RegisteredRedirects.clientFor(session, realm, redirectUri, clientId).isEmpty()) {
            throw ApiException.invalidRequest("The redirect_uri is not registered for this client");
        }
        return client;
    }

    /** Where the app sends the browser: the redirect URI with a code, or with the error that refused it. */
    public URI authorize(MultivaluedMap<String, String> parameters, Optional<SignedInUser> signedIn, String route) {
        return redirect(parameters, signedIn, false, route);
    }

    /** As {@link #authorize}, after the user approved the consent screen: the grant is stored first. */
    URI approve(MultivaluedMap<String, String> parameters, SignedInUser signedIn, String route) {
        return redirect(parameters, Optional.of(signedIn), true, route);
    }

    /**
     * The redirect URI with {@code access_denied}: the user declined the consent screen, recorded as Keycloak's consent
     * screen records it ({@code LOGIN_ERROR}, {@code rejected_by_user}).
     */
    URI deny(MultivaluedMap<String, String> parameters, SignedInUser signedIn, String route) {
        ClientModel client = verifiedClient(parameters);
        RouteEvents.start(session, EventType.LOGIN, route).client(client).user(signedIn.user()).session(signedIn.userSession())
                .detail(Details.REDIRECT_URI, parameters.getFirst(REDIRECT_URI)).error(Errors.REJECTED_BY_USER);
        return errorRedirect(parameters, new KeycloakAuthorizationCodes.Refusal("access_denied", "The user denied consent"));
    }

    /** An authorization request to carry through a PIN challenge (see {@link #resume}). */
    static Map<String, String> continuation(MultivaluedMap<String, String> parameters) {
        Map<String, String> continuation = new HashMap<>();
        parameters.forEach((name, values) -> continuation.put(CONTINUE_AUTHORIZE + name, String.join(" ", values)));
        continuation.put(SignInAttempt.CLIENT_ID, parameters.getFirst(CLIENT_ID));
        return continuation;
    }

    /** After {@code verify-pin}: the code of the authorization request the PIN held back, if there was one. */
    public Optional<URI> resume(Map<String, String> continuation, SignInResult signedIn) {
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        continuation.forEach((key, value) -> {
            if (key.startsWith(CONTINUE_AUTHORIZE)) {
                String name = key.substring(CONTINUE_AUTHORIZE.length());
                parameters.put(name, ResourceIndicators.PARAMETER.equals(name) ? List.of(value.split(" ")) : List.of(value));
            }
        });
        return parameters.isEmpty() ? Optional.empty() : Optional.of(authorize(parameters, signedIn.signedInUser(), LoginCodeService.ROUTE));
    }

    private URI redirect(MultivaluedMap<String, String> parameters, Optional<SignedInUser> signedIn, boolean consenting, String route) {
        ClientModel client = verifiedClient(parameters);
        try {
            MultivaluedMap<String, String> request = new MultivaluedHashMap<>(parameters);
            request.putIfAbsent(RESPONSE_TYPE, List.of("code"));
            List<String> resources = Optional.ofNullable(request.remove(ResourceIndicators.PARAMETER)).orElse(List.of());
            List<String> audiences = new ResourceIndicators(session).audiences(resources);
            KeycloakAuthorizationCodes.CodeRequest checked = codes.check(client, request);
            SignedInUser user = signedIn.orElseThrow(() -> new KeycloakAuthorizationCodes.Refusal(
                    "login_required", "The user is not signed in"));
            if (checked.asksForNewLogin()) {
                throw new KeycloakAuthorizationCodes.Refusal("login_required", "prompt=login needs Keycloak's login page");
            }
            confirm(user, client, route);
            if (!AppAccess.granted(session, user.user(), client)) {
                throw new KeycloakAuthorizationCodes.Refusal("access_denied", "The user's permission for this app is not approved");
            }
            if (consenting) {
                codes.grantConsent(user.user(), checked);
            } else if (codes.needsConsent(user.user(), checked)) {
                throw new KeycloakAuthorizationCodes.Refusal("consent_required", "The user has not consented to every requested scope");
            }
            return codes.issue(user.userSession(), checked, Map.of(ResourceIndicators.NOTE, String.join(" ", audiences)), route, consenting);
        } catch (KeycloakAuthorizationCodes.Refusal refusal) {
            return errorRedirect(parameters, refusal);
        }
    }

    /** The sign-in pipeline's second look at the account: a locked or disabled one must sign in again, a pending action first done. */
    private void confirm(SignedInUser user, ClientModel client, String route) {
        try {
            new SignInPipeline(session).confirm(user, RouteEvents.start(session, EventType.LOGIN, route).client(client));
        } catch (ApiException refused) {
            throw new KeycloakAuthorizationCodes.Refusal(refused.status() == 401 ? "login_required" : "interaction_required",
                    "The user must sign in on the login page");
        }
    }

    /** RFC 6749 §4.1.2.1: {@code error}, {@code error_description} and {@code state} added to the verified redirect URI. */
    private static URI errorRedirect(MultivaluedMap<String, String> parameters, KeycloakAuthorizationCodes.Refusal refusal) {
        String redirectUri = parameters.getFirst(REDIRECT_URI);
        StringJoiner query = new StringJoiner("&");
        query.add("error=" + encode(refusal.error()));
        query.add("error_description=" + encode(refusal.getMessage()));
        Optional.ofNullable(parameters.getFirst(STATE)).ifPresent(state -> query.add("state=" + encode(state)));
        return URI.create(redirectUri + (redirectUri.contains("?") ? "&" : "?") + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
