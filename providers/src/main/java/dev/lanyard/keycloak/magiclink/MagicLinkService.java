package dev.lanyard.keycloak.magiclink;

import dev.lanyard.keycloak.common.ApiException;
import dev.lanyard.keycloak.common.KeycloakMails;
import dev.lanyard.keycloak.common.OneTimeSecrets;
import dev.lanyard.keycloak.common.PublicSignIn;
import dev.lanyard.keycloak.common.RateLimit;
import dev.lanyard.keycloak.common.RegisteredRedirects;
import dev.lanyard.keycloak.common.RouteEvents;
import dev.lanyard.keycloak.pin.PinGate;
import dev.lanyard.keycloak.pin.VerifyPinResource;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Magic links: a mailed, single-use, short-lived link that signs its user in. The secret is kept hashed in
 * Keycloak's single-use store, bound to the user and either the app's redirect URI (API) or a pending
 * browser login (authenticator). Whether an account exists never shows in the answer.
 */
final class MagicLinkService {

    static final String REQUEST_ROUTE = "public/request-magic-link";
    static final String LINK_ROUTE = "public/magic-link";
    /** Auth note by which a confirmed link hands its user to the pending browser login. */
    static final String CONFIRMED_USER_NOTE = "lanyard.magic-link.user";

    private static final String USER_ID = "user_id";
    private static final String REDIRECT_URI = "redirect_uri";
    private static final String CLIENT_ID = "client_id";
    private static final String ROOT_SESSION_ID = "root_session_id";
    private static final String TAB_ID = "tab_id";
    private static final String EXECUTION = "execution";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OneTimeSecrets secrets;

    MagicLinkService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.secrets = new OneTimeSecrets(session, "magic-link");
    }

    /** A link back to an app: {@code redirectUri} must be registered on {@code clientId}, or on any client without one. */
    void requestForApp(String email, String redirectUri, String clientId, MagicLinkSettings settings) {
        ClientModel client = RegisteredRedirects.clientFor(session, realm, redirectUri, clientId)
                .orElseThrow(() -> {
                    RouteEvents.start(session, EventType.EXECUTE_ACTIONS, REQUEST_ROUTE)
                            .detail(Details.EMAIL, email).detail(Details.REDIRECT_URI, redirectUri)
                            .error(Errors.INVALID_REDIRECT_URI);
                    return ApiException.of(400, "invalid_redirect_uri", "redirect_uri is not registered for this client");
                });
        Map<String, String> binding = new HashMap<>();
        binding.put(REDIRECT_URI, redirectUri);
        binding.put(CLIENT_ID, client.getClientId());
        request(email, settings, binding, linkQuery(redirectUri, clientId));
    }

    /** A link that completes the browser login waiting in {@code authSession} at {@code execution}. */
    void requestForFlow(String email, AuthenticationSessionModel authSession, String execution, MagicLinkSettings settings) {
        Map<String, String> binding = new HashMap<>();
        binding.put(EXECUTION, execution);
        binding.put(ROOT_SESSION_ID, authSession.getParentSession().getId());
        binding.put(TAB_ID, authSession.getTabId());
        binding.put(CLIENT_ID, authSession.getClient().getClientId());
        request(email, settings, binding, Map.of());
    }

    boolean isRedeemable(String secret) {
        return secrets.isRedeemable(secret);
    }

    /** The link's grant, which can never be used again; empty (and a refusal event) if unknown, used or expired. */
    Optional<Grant> redeem(String secret) {
        Optional<Grant> grant = secrets.redeem(secret).flatMap(data ->
                Optional.ofNullable(session.users().getUserById(realm, data.get(USER_ID)))
                        .filter(UserModel::isEnabled)
                        .map(user -> new Grant(user, data.get(REDIRECT_URI), data.get(CLIENT_ID),
                                data.get(ROOT_SESSION_ID), data.get(TAB_ID), data.get(EXECUTION))));
        if (grant.isEmpty()) {
            RouteEvents.start(session, EventType.LOGIN, LINK_ROUTE).detail(Details.AUTH_METHOD, "magic_link")
                    .error(Errors.EXPIRED_CODE);
        }
        return grant;
    }

    /**
     * Signs the user of an app link in, as {@code public/login} does; for a user with a PIN, the
     * {@code pin_token} to ask for it with instead (the sign-in then continues to the link's redirect URI).
     */
    Optional<String> signIn(Grant grant) {
        Map<String, String> continuation = new HashMap<>();
        continuation.put(VerifyPinResource.REDIRECT_URI, grant.redirectUri());
        continuation.put(VerifyPinResource.CLIENT_ID, grant.clientId());
        Optional<String> pinToken = new PinGate(session).challenge(grant.user(), false, continuation);
        if (pinToken.isEmpty()) {
            new PublicSignIn(session).complete(grant.user(), false,
                    RouteEvents.start(session, EventType.LOGIN, LINK_ROUTE)
                            .client(grant.clientId())
                            .detail(Details.AUTH_METHOD, "magic_link")
                            .detail(Details.REDIRECT_URI, grant.redirectUri()));
        }
        return pinToken;
    }

    private void request(String email, MagicLinkSettings settings, Map<String, String> binding, Map<String, String> linkQuery) {
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        EventBuilder event = RouteEvents.start(session, EventType.EXECUTE_ACTIONS, REQUEST_ROUTE)
                .detail(Details.EMAIL, normalized)
                .detail("lanyard_action", "magic_link_requested");
        String ip = session.getContext().getConnection().getRemoteHost();
        OptionalLong wait = new RateLimit(session, "magic-link-email", settings.maxPerEmail(), settings.windowSeconds())
                .acquire(normalized);
        if (wait.isEmpty()) {
            wait = new RateLimit(session, "magic-link-ip", settings.maxPerIp(), settings.windowSeconds()).acquire(ip);
        }
        if (wait.isPresent()) {
            event.error("too_many_requests");
            throw ApiException.tooManyRequests(wait.getAsLong());
        }

        UserModel user = session.users().getUserByEmail(realm, normalized);
        if (user == null || !user.isEnabled() || !user.isEmailVerified()) {
            event.error(user == null ? Errors.USER_NOT_FOUND : user.isEnabled() ? "email_not_verified" : Errors.USER_DISABLED);
            return;
        }
        Map<String, String> data = new HashMap<>(binding);
        data.put(USER_ID, user.getId());
        String secret = secrets.issue(data, settings.ttlSeconds());
        UriBuilder link = linkBase().queryParam("token", secret);
        linkQuery.forEach(link::queryParam);
        String userId = user.getId();
        new KeycloakMails(session).sendInBackground(user, "lanyardMagicLinkSubject", "lanyard-magic-link.ftl",
                Map.of("link", link.build().toString(), "linkExpirationMinutes", Math.max(1, settings.ttlSeconds() / 60)),
                worker -> RouteEvents.startInBackground(worker, EventType.EXECUTE_ACTIONS, REQUEST_ROUTE)
                        .user(userId).detail("lanyard_action", "magic_link_sent").success());
        event.user(user).success();
    }

    /** {@code {api}/public/magic-link}. */
    UriBuilder linkBase() {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("api").path(LINK_ROUTE);
    }

    URI renewUri() {
        return linkBase().path("renew").build();
    }

    private static Map<String, String> linkQuery(String redirectUri, String clientId) {
        Map<String, String> query = new HashMap<>();
        query.put(REDIRECT_URI, redirectUri);
        if (clientId != null) {
            query.put(CLIENT_ID, clientId);
        }
        return query;
    }

    /** What a consumed link grants: its user, and where the sign-in continues. */
    record Grant(UserModel user, String redirectUri, String clientId, String rootSessionId, String tabId, String execution) {

        boolean continuesBrowserLogin() {
            return rootSessionId != null;
        }
    }
}
