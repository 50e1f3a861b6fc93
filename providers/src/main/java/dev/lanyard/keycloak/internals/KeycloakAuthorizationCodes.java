package dev.lanyard.keycloak.internals;

import dev.lanyard.keycloak.http.RouteEvents;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserConsentModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointChecker;
import org.keycloak.protocol.oidc.endpoints.request.AuthorizationEndpointRequest;
import org.keycloak.protocol.oidc.endpoints.request.AuthorizationEndpointRequestParserProcessor;
import org.keycloak.protocol.oidc.utils.OAuth2CodeParser;
import org.keycloak.protocol.oidc.utils.OIDCResponseType;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.managers.UserConsentManager;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Adapter over Keycloak's authorization endpoint ({@code keycloak-services}) for apps that draw their own login and
 * consent screens: a request is checked as the native endpoint checks it, and the endpoint itself decides and
 * issues the code, asked with {@code prompt=none} on the caller's user session (see {@link SsoBrowser}): a code
 * exactly where Keycloak's login page, for that session and request, would issue one without showing anything.
 */
public final class KeycloakAuthorizationCodes {

    /** Event detail of a login asked for by API (metrics count those that end in a code). */
    public static final String CODE_DETAIL = "lanyard_code";

    /** The entry of a code's stored data (OAuth2Code) that holds the request's redirect_uri, in every version served. */
    private static final String STORED_REDIRECT_URI = "redirectUri";

    private final KeycloakSession session;
    private final RealmModel realm;

    public KeycloakAuthorizationCodes(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /**
     * {@code parameters} checked for {@code client} (whose {@code redirect_uri} the caller has verified) as Keycloak's
     * authorization endpoint checks them; only the {@code code} response type. {@link Refusal} carries the OAuth error.
     * A plain request is read as it is: Keycloak's endpoint, which decides in {@link #issue}, runs every check on it
     * again, so only a request object (whose values override the parameters) is parsed here first.
     */
    public CodeRequest check(ClientModel client, MultivaluedMap<String, String> parameters) {
        if (!parameters.containsKey(OIDCLoginProtocol.REQUEST_PARAM) && !parameters.containsKey(OIDCLoginProtocol.REQUEST_URI_PARAM)) {
            return served(new CodeRequest(client, RedirectUtils.verifyRedirectUri(session, parameters.getFirst(OIDCLoginProtocol.REDIRECT_URI_PARAM), client, false),
                    parameters.getFirst(OIDCLoginProtocol.RESPONSE_TYPE_PARAM), parameters.getFirst(OIDCLoginProtocol.RESPONSE_MODE_PARAM),
                    parameters.getFirst(OIDCLoginProtocol.STATE_PARAM), parameters.getFirst(OIDCLoginProtocol.SCOPE_PARAM),
                    parameters.getFirst(OIDCLoginProtocol.PROMPT_PARAM)));
        }
        return checkFully(client, parameters);
    }

    /**
     * As {@link #check}, every check of Keycloak's endpoint run now (scope, PKCE, OIDC parameters, a request object):
     * for a request decided later, after the user has given factors, whose faults should be refused before.
     */
    public CodeRequest checkFully(ClientModel client, MultivaluedMap<String, String> parameters) {
        EventBuilder event = events(client).event(EventType.LOGIN);
        AuthorizationEndpointRequest request;
        try {
            request = AuthorizationEndpointRequestParserProcessor.parseRequest(
                    event, session, client, parameters, AuthorizationEndpointRequestParserProcessor.EndpointType.OIDC_AUTH_ENDPOINT);
        } catch (WebApplicationException unreadable) {
            // Keycloak shows its error page for a request object it cannot read.
            throw new Refusal("invalid_request_object", "The request object cannot be read");
        }
        AuthorizationEndpointChecker checker = new AuthorizationEndpointChecker()
                .event(event).client(client).realm(realm).request(request).session(session).params(parameters);
        try {
            checker.checkRedirectUri();
            checker.checkResponseType();
            CodeRequest checked = served(new CodeRequest(client, checker.getRedirectUri(), request.getResponseType(),
                    request.getResponseMode(), request.getState(), request.getScope(), request.getPrompt()));
            checker.checkInvalidRequestMessage();
            checker.checkOIDCRequest();
            checker.checkValidScope();
            checker.checkOIDCParams();
            checker.checkPKCEParams();
            return checked;
        } catch (AuthorizationEndpointChecker.AuthorizationCheckException e) {
            throw new Refusal(e.getError(), e.getErrorDescription());
        }
    }

    /** The request, if its answer is a code in a redirect URI: a form_post or web_message answer would be a page. */
    private static CodeRequest served(CodeRequest request) {
        if (!OIDCResponseType.CODE.equals(request.responseType())) {
            throw new Refusal("unsupported_response_type", "Only the code response type is served here");
        }
        String mode = request.responseMode();
        if (mode != null && !mode.equals("query") && !mode.equals("fragment")) {
            throw new Refusal("invalid_request", "Only the query and fragment response modes are served here");
        }
        return request;
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
                && consentScopes(client, request.scope(), user).anyMatch(scope -> !isGranted(user, client, scope));
    }

    /** Records the user's consent to every scope of the request that the consent screen shows. */
    public KeycloakConsents.Grant grantConsent(UserModel user, CodeRequest request) {
        return KeycloakConsents.grant(session, user, request.client(), consentScopes(request.client(), request.scope(), user)
                .map(ClientScopeModel::getId).collect(Collectors.toSet()));
    }

    /**
     * Keycloak's authorization endpoint's answer to {@code parameters} with {@code prompt=none}, asked by a browser
     * that carries the SSO cookie of {@code userSession}: its flow for the client (override or browser flow, with its
     * conditions and deny steps), its client policies, {@code max_age}, {@code acr_values} and {@code claims},
     * required actions and consent decide, and the code is the one it issues. {@code consentGranted}: the user has just approved the consent screen (the
     * event records it as Keycloak's consent screen does). A refusal Keycloak shows as a page becomes a {@link Refusal}.
     */
    public Answer issue(UserSessionModel userSession, CodeRequest request, MultivaluedMap<String, String> parameters,
                        String route, boolean consentGranted) {
        ClientModel client = request.client();
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>(parameters);
        form.putSingle(OIDCLoginProtocol.PROMPT_PARAM, OIDCLoginProtocol.PROMPT_VALUE_NONE);
        EventBuilder event = (consentGranted ? new ApprovalEvent(realm, session) : events(client))
                .detail(RouteEvents.ROUTE_DETAIL, route).detail(CODE_DETAIL, "api");
        Response response = SsoBrowser.call(session, userSession, form, () -> {
            try {
                return new AuthorizationEndpoint(session, event).buildPost();
            } catch (WebApplicationException page) {
                return page.getResponse();
            }
        }).orElseThrow(() -> new Refusal("login_required", "The session cannot be checked by Keycloak"));
        URI location = response.getLocation();
        if (location == null || !location.toString().startsWith(request.redirectUri())) {
            // A page (an error Keycloak shows the user) or a redirect elsewhere (an identity provider): no code.
            throw new Refusal(refusalOf(event.getEvent().getError()), "Keycloak's login page would not issue a code");
        }
        return Answer.of(location);
    }

    /**
     * A redirect URI {@code client} registered, for a request that names none (the authorization challenge): Keycloak's
     * endpoint needs one, and the code it issues is then {@link #releaseFromRedirectUri released} from it. A wildcard
     * URI stands for its prefix, which it accepts.
     */
    public String registeredRedirect(ClientModel client) {
        // Sorted: the same URI for every request of the client, not whichever the set yields first.
        return RedirectUtils.resolveValidRedirects(session, client.getRootUrl(), client.getRedirectUris()).stream().sorted()
                .map(uri -> uri.endsWith("*") ? uri.substring(0, uri.length() - 1) : uri)
                .filter(uri -> !uri.isEmpty() && !uri.contains("*"))
                .findFirst()
                .orElseThrow(() -> new Refusal("unauthorized_client", "The client has no redirect URI registered"));
    }

    /**
     * Lets {@code code} redeem without {@code redirect_uri}: Keycloak's token endpoint compares the parameter only when
     * the code's stored data names one (AuthorizationCodeGrantType). The data is written to the single-use store when
     * the transaction commits, so it is rewritten right after: removed (atomically, so a code already redeemed stays
     * spent) and stored again without the redirect URI, for the realm's code lifespan. The store's key is the code's
     * id, under a prefix that Keycloak 26.4 did not have yet.
     */
    public void releaseFromRedirectUri(String code) {
        String key = KeycloakSignatures.constant(OAuth2CodeParser.class, "CACHE_KEY_PREFIX", "") + code.substring(0, code.indexOf('.'));
        int lifespan = realm.getAccessCodeLifespan();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                KeycloakModelUtils.runJobInTransaction(factory, store -> {
                    Map<String, String> stored = store.singleUseObjects().remove(key);
                    if (stored != null) {
                        Map<String, String> released = new HashMap<>(stored);
                        released.remove(STORED_REDIRECT_URI);
                        store.singleUseObjects().put(key, lifespan, released);
                    }
                });
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    /** The OAuth error for what Keycloak recorded when it showed an error page instead of redirecting. */
    private static String refusalOf(String eventError) {
        if (eventError == null) {
            return "login_required";
        }
        return switch (eventError) {
            case Errors.USER_DISABLED, Errors.USER_TEMPORARILY_DISABLED, Errors.USER_NOT_FOUND, Errors.INVALID_USER,
                 Errors.SESSION_EXPIRED, Errors.USER_SESSION_NOT_FOUND -> "login_required";
            case "invalid_request", "unauthorized_client", "invalid_scope", "unsupported_response_type", "invalid_request_object",
                 "interaction_required", "unmet_authentication_requirements" -> eventError;
            default -> "access_denied";
        };
    }

    private EventBuilder events(ClientModel client) {
        return new EventBuilder(realm, session, session.getContext().getConnection()).client(client);
    }

    /** An authorization request that Keycloak's checks accepted, and the redirect URI it resolved. */
    public record CodeRequest(ClientModel client, String redirectUri, String responseType, String responseMode, String state,
                              String scope, String prompt) {

        /** Whether {@code prompt} holds {@code value} ({@code login}: prove who you are again; {@code consent}: ask again). */
        public boolean asksFor(String value) {
            return prompt != null && List.of(prompt.split(" ")).contains(value);
        }
    }

    /** Where Keycloak sends the browser: the redirect URI with a {@code code}, or with an {@code error} (the other null). */
    public record Answer(URI location, String code, String error) {

        static Answer of(URI location) {
            String parameters = location.getRawFragment() != null ? location.getRawFragment() : location.getRawQuery();
            Map<String, String> values = new HashMap<>();
            for (String parameter : parameters == null ? new String[0] : parameters.split("&")) {
                int equals = parameter.indexOf('=');
                if (equals > 0) {
                    values.put(parameter.substring(0, equals), URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            return new Answer(location, values.get("code"), values.get("error"));
        }
    }

    /**
     * The event of a code asked for right after the user approved the consent screen: it says so, as Keycloak's
     * consent screen does, though Keycloak's decision then finds the grant stored and would say it was persisted.
     */
    private static final class ApprovalEvent extends EventBuilder {

        ApprovalEvent(RealmModel realm, KeycloakSession session) {
            super(realm, session, session.getContext().getConnection());
            super.detail(Details.CONSENT, Details.CONSENT_VALUE_CONSENT_GRANTED);
        }

        @Override
        public EventBuilder detail(String key, String value) {
            return Details.CONSENT.equals(key) ? this : super.detail(key, value);
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
