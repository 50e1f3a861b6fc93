package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.clients.AppAccess;
import dev.lanyard.keycloak.clients.BuiltInClients;
import dev.lanyard.keycloak.clients.FirstPartyClients;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.KeycloakAuthorizationCodes;
import dev.lanyard.keycloak.internals.KeycloakConsents;
import dev.lanyard.keycloak.internals.RegisteredRedirects;
import dev.lanyard.keycloak.realm.LanyardClientScopes;
import dev.lanyard.keycloak.signin.AuthorizationResume;
import dev.lanyard.keycloak.signin.Continuation;
import dev.lanyard.keycloak.signin.SignedInUser;
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
import org.keycloak.representations.AccessToken;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Authorization codes by API (seeds 002, 003, 004; ARCHITECTURE §13) for apps that draw their own login and
 * consent screens. The client and its registered redirect URI are checked first and answered with a JSON 400;
 * once both are valid every other failure goes to the redirect URI as RFC 6749 §4.1.2.1 says. Lanyard never decides
 * alone whether a code may be issued: Keycloak's authorization endpoint does, for the caller's user session.
 */
public final class HeadlessAuthorizationService {

    static final String CLIENT_ID = "client_id";
    static final String REDIRECT_URI = "redirect_uri";
    private static final String STATE = "state";
    private static final String RESPONSE_TYPE = "response_type";
    private static final String PROMPT_LOGIN = "login";
    private static final String PROMPT_CONSENT = "consent";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final KeycloakAuthorizationCodes codes;

    public HeadlessAuthorizationService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.codes = new KeycloakAuthorizationCodes(session);
    }

    /**
     * 401 {@code invalid_token} or 403 {@code insufficient_scope} unless a user's token was issued for this route: it
     * carries the scope {@value LanyardClientScopes#AUTHORIZE} and its audience names no resource, so a resource server
     * cannot replay the token it received.
     */
    void requireIssuedForAuthorize(AccessToken token) {
        if (new ResourceIndicators(session).namesResource(token.getAudience())) {
            throw ApiException.invalidToken("The token was issued for a resource server (resource), not for this route");
        }
        if (!hasScope(token.getScope(), LanyardClientScopes.AUTHORIZE)) {
            throw ApiException.insufficientScope(LanyardClientScopes.AUTHORIZE, "The token was not issued with the scope " + LanyardClientScopes.AUTHORIZE);
        }
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
        return authorize(verifiedClient(parameters), parameters, signedIn, route);
    }

    /** As {@link #authorize}, for the client that {@link #verifiedClient} returned for these parameters. */
    URI authorize(ClientModel verified, MultivaluedMap<String, String> parameters, Optional<SignedInUser> signedIn, String route) {
        return redirect(verified, parameters, signedIn, false, route);
    }

    /** As {@link #authorize}, after the user approved the consent screen: the grant is stored first. */
    URI approve(MultivaluedMap<String, String> parameters, SignedInUser signedIn, String route) {
        return redirect(verifiedClient(parameters), parameters, Optional.of(signedIn), true, route);
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

    /** After {@code verify-pin}: the answer to the login → code request the PIN held back ({@link AuthorizationResume}). */
    public URI resume(Continuation.Authorization request, SignInResult signedIn) {
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        parameters.putAll(request.parameters());
        return authorize(parameters, signedIn.signedInUser(), LoginCodeService.ROUTE);
    }

    /**
     * Lanyard asks, Keycloak decides: after Lanyard's own checks (the request, the caller, the app permission), the
     * code is the one Keycloak's authorization endpoint issues with {@code prompt=none} on the caller's session, or
     * its refusal. What Keycloak's page would ask the user for is refused up front: {@code prompt=login}, and
     * {@code prompt=consent} unless this is the consent screen's approval.
     */
    private URI redirect(ClientModel client, MultivaluedMap<String, String> parameters, Optional<SignedInUser> signedIn,
                         boolean consenting, String route) {
        try {
            return decide(client, parameters, signedIn, consenting, route).location();
        } catch (KeycloakAuthorizationCodes.Refusal refusal) {
            return errorRedirect(parameters, refusal);
        }
    }

    /**
     * The code of the authorization challenge ({@link AuthorizeChallengeService}), whose requests name no redirect URI:
     * asked with one the client registered, as {@link #redirect} asks, and released from it, so that it redeems
     * without {@code redirect_uri}. A refusal is a {@link KeycloakAuthorizationCodes.Refusal}.
     */
    String challengeCode(ClientModel client, MultivaluedMap<String, String> parameters, SignedInUser signedIn, String route) {
        MultivaluedMap<String, String> request = new MultivaluedHashMap<>(parameters);
        request.putSingle(REDIRECT_URI, codes.registeredRedirect(client));
        KeycloakAuthorizationCodes.Answer answer = decide(client, request, Optional.of(signedIn), false, route);
        if (answer.error() != null) {
            throw new KeycloakAuthorizationCodes.Refusal(answer.error(), "Keycloak's login page would not issue a code");
        }
        codes.releaseFromRedirectUri(answer.code());
        return answer.code();
    }

    /** Keycloak's answer for {@code client}'s request (a code, or an error), after Lanyard's own checks. */
    private KeycloakAuthorizationCodes.Answer decide(ClientModel client, MultivaluedMap<String, String> parameters,
                                                     Optional<SignedInUser> signedIn, boolean consenting, String route) {
        MultivaluedMap<String, String> request = new MultivaluedHashMap<>(parameters);
        request.putIfAbsent(RESPONSE_TYPE, List.of("code"));
        List<String> resources = Optional.ofNullable(request.remove(ResourceIndicators.PARAMETER)).orElse(List.of());
        ResourceIndicators indicators = new ResourceIndicators(session);
        List<String> audiences = indicators.audiences(resources, client);
        KeycloakAuthorizationCodes.CodeRequest checked = codes.check(client, request);
        SignedInUser user = signedIn.orElseThrow(() -> new KeycloakAuthorizationCodes.Refusal(
                "login_required", "The user is not signed in"));
        if (!user.everyFactorChecked()) {
            // Keycloak has no SSO session for this browser: its login page would ask for the factors not checked.
            throw new KeycloakAuthorizationCodes.Refusal("login_required", "The user must sign in on the login page");
        }
        if (checked.asksFor(PROMPT_LOGIN)) {
            throw new KeycloakAuthorizationCodes.Refusal("login_required", "prompt=login needs Keycloak's login page");
        }
        if (checked.asksFor(PROMPT_CONSENT) && !consenting) {
            throw new KeycloakAuthorizationCodes.Refusal("consent_required", "prompt=consent needs the consent screen");
        }
        if (!AppAccess.granted(user.user(), client)) {
            throw new KeycloakAuthorizationCodes.Refusal("access_denied", "The user's permission for this app is not approved");
        }
        Optional<KeycloakConsents.Grant> grant = consenting ? Optional.of(codes.grantConsent(user.user(), checked)) : Optional.empty();
        KeycloakAuthorizationCodes.Answer answer = codes.issue(user.userSession(), checked, request, route, consenting);
        if (answer.error() != null) {
            // Keycloak refused: an approval given with this request is not kept.
            grant.ifPresent(given -> given.undo(session));
            if (!consenting) {
                requireConsentGiven(answer, user, checked);
            }
            return answer;
        }
        indicators.bindToCode(user.userSession(), client, answer.code(), audiences);
        return answer;
    }

    /**
     * Keycloak's {@code interaction_required} where it means only the consent screen: OpenID Connect's more precise
     * {@code consent_required}, which tells the app to show its own consent screen.
     */
    private void requireConsentGiven(KeycloakAuthorizationCodes.Answer answer, SignedInUser user, KeycloakAuthorizationCodes.CodeRequest checked) {
        if ("interaction_required".equals(answer.error()) && user.user().getRequiredActionsStream().findAny().isEmpty()
                && codes.needsConsent(user.user(), checked)) {
            throw new KeycloakAuthorizationCodes.Refusal("consent_required", "The user has not consented to every requested scope");
        }
    }

    /** RFC 6749 §4.1.2.1: {@code error}, {@code error_description} and {@code state} added to the verified redirect URI. */
    private static URI errorRedirect(MultivaluedMap<String, String> parameters, KeycloakAuthorizationCodes.Refusal refusal) {
        return errorRedirect(parameters.getFirst(REDIRECT_URI), parameters.getFirst(STATE), refusal);
    }

    private static URI errorRedirect(String redirectUri, String state, KeycloakAuthorizationCodes.Refusal refusal) {
        StringJoiner query = new StringJoiner("&");
        query.add("error=" + encode(refusal.error()));
        query.add("error_description=" + encode(refusal.getMessage()));
        Optional.ofNullable(state).ifPresent(value -> query.add("state=" + encode(value)));
        return URI.create(redirectUri + (redirectUri.contains("?") ? "&" : "?") + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
