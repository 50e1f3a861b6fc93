package dev.lanyard.keycloak.magiclink;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.ApiUrls;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.KeycloakMails;
import dev.lanyard.keycloak.internals.KeycloakSessions;
import dev.lanyard.keycloak.internals.RegisteredRedirects;
import dev.lanyard.keycloak.secrets.OneTimeSecrets;
import dev.lanyard.keycloak.signin.Continuation;
import dev.lanyard.keycloak.signin.SignInAttempt;
import dev.lanyard.keycloak.signin.SignInPipeline;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.logging.Logger;
import org.keycloak.common.util.SecretGenerator;
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
 *
 * <p>A link bound to a browser login that is confirmed from another browser needs the short code the waiting
 * page shows (number matching): otherwise anyone could start a login with a victim's email, wait, and be
 * signed in when the victim confirms the mail.
 */
final class MagicLinkService {

    static final String REQUEST_ROUTE = "public/request-magic-link";
    static final String LINK_ROUTE = "public/magic-link";
    /** Auth note by which a confirmed link hands its user to the pending browser login. */
    static final String CONFIRMED_USER_NOTE = "lanyard.magic-link.user";
    /** Wrong codes allowed on one link before it is void. */
    static final int MAX_CODE_ATTEMPTS = 3;

    private static final String USER_ID = "user_id";
    private static final String REDIRECT_URI = "redirect_uri";
    private static final String CLIENT_ID = "client_id";
    private static final String ROOT_SESSION_ID = "root_session_id";
    private static final String TAB_ID = "tab_id";
    private static final String EXECUTION = "execution";
    private static final String MATCH_CODE = "match_code";
    /** Event error of a request that mailed nothing because the realm's public address is not configured. */
    static final String NO_CONFIGURED_ORIGIN = "no_configured_origin";
    private static final Logger LOG = Logger.getLogger(MagicLinkService.class);
    /** The API and the browser-flow step count apart: requests through one never spend the other's allowance. */
    private static final String API_COUNTER = "magic-link";
    private static final String FLOW_COUNTER = "magic-link-flow";
    private static final char[] DIGITS = "0123456789".toCharArray();

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
                    return ApiException.invalidRedirectUri();
                });
        Map<String, String> binding = new HashMap<>();
        binding.put(REDIRECT_URI, redirectUri);
        binding.put(CLIENT_ID, client.getClientId());
        request(email, settings, API_COUNTER, binding, linkQuery(redirectUri, clientId));
    }

    /**
     * A link that completes the browser login waiting in {@code authSession} at {@code execution}. Returns the
     * code the waiting page shows, whether or not the account exists (the page must not tell).
     */
    String requestForFlow(String email, AuthenticationSessionModel authSession, String execution, MagicLinkSettings settings) {
        String code = SecretGenerator.getInstance().randomString(3, DIGITS);
        Map<String, String> binding = new HashMap<>();
        binding.put(EXECUTION, execution);
        binding.put(ROOT_SESSION_ID, authSession.getParentSession().getId());
        binding.put(TAB_ID, authSession.getTabId());
        binding.put(CLIENT_ID, authSession.getClient().getClientId());
        binding.put(MATCH_CODE, code);
        request(email, settings, FLOW_COUNTER, binding, Map.of());
        return code;
    }

    /**
     * Opening a link (its page's GET) uses nothing, since mail scanners fetch links: whether the link can still be
     * confirmed and, if so, whether the confirmation needs the waiting page's code; empty when it is expired.
     * {@code appLinks}: whether the realm serves links to apps, else only links of the browser-flow step are served
     * (404 for any other, even an expired one).
     */
    Optional<CodeCheck> open(String secret, boolean appLinks) {
        return served(peek(secret), appLinks).map(grant -> checkCode(secret, grant, null));
    }

    /**
     * Confirming a link (its page's POST): checks the code where one is needed, then uses the link once, to sign its
     * user in to the app (or ask for their PIN first) or to hand them to the browser login waiting for it.
     */
    Confirmation confirm(String secret, String code, boolean appLinks) {
        Optional<Grant> pending = served(peek(secret), appLinks);
        if (pending.isEmpty()) {
            redeem(secret); // records the refusal
            return Confirmation.of(Outcome.EXPIRED);
        }
        CodeCheck check = checkCode(secret, pending.get(), code);
        if (!check.passed()) {
            return Confirmation.of(check == CodeCheck.VOID ? Outcome.CODE_VOID
                    : check == CodeCheck.WRONG ? Outcome.CODE_WRONG : Outcome.CODE_NEEDED);
        }
        return redeem(secret)
                .map(grant -> grant.continuesBrowserLogin() ? continueBrowserLogin(grant) : signIn(grant))
                .orElseGet(() -> Confirmation.of(Outcome.EXPIRED));
    }

    /** The grant, if this realm serves its kind of link; a 404 where it serves no magic-link route at all. */
    private static Optional<Grant> served(Optional<Grant> grant, boolean appLinks) {
        if (appLinks) {
            return grant;
        }
        return Optional.of(grant.filter(Grant::continuesBrowserLogin)
                .orElseThrow(() -> ApiException.notFound("No such route")));
    }

    /** The grant of a link that can still be used, without using it. */
    private Optional<Grant> peek(String secret) {
        return secrets.peek(secret).flatMap(this::grantOf);
    }

    /**
     * Whether this request may confirm the link: any request for an app link or from the browser that waits for
     * it; from another browser only with the waiting page's code. A wrong code counts; the last one voids the link.
     */
    private CodeCheck checkCode(String secret, Grant grant, String code) {
        if (!grant.continuesBrowserLogin() || KeycloakSessions.isCurrentBrowser(session, grant.rootSessionId())) {
            return CodeCheck.NOT_NEEDED;
        }
        if (code == null || code.isBlank()) {
            return CodeCheck.NEEDED;
        }
        Optional<OneTimeSecrets.Attempt> attempt = secrets.claimAttempt(secret, "code-attempt", MAX_CODE_ATTEMPTS, grant.secondsLeft());
        if (attempt.isPresent() && grant.matchCode().equals(code.trim())) {
            return CodeCheck.MATCHES;
        }
        RouteEvents.start(session, EventType.LOGIN, LINK_ROUTE).user(grant.user()).client(grant.clientId())
                .detail(Details.AUTH_METHOD, "magic_link").error("code_mismatch");
        if (attempt.isEmpty() || attempt.get().last()) {
            secrets.redeem(secret);
            return CodeCheck.VOID;
        }
        return CodeCheck.WRONG;
    }

    /** The link's grant, which can never be used again; empty (and a refusal event) if unknown, used or expired. */
    private Optional<Grant> redeem(String secret) {
        Optional<Grant> grant = secrets.redeem(secret).flatMap(this::grantOf);
        if (grant.isEmpty()) {
            RouteEvents.start(session, EventType.LOGIN, LINK_ROUTE).detail(Details.AUTH_METHOD, "magic_link")
                    .error(Errors.EXPIRED_CODE);
        }
        return grant;
    }

    /**
     * Signs the user of an app link in through the sign-in pipeline and on to the link's redirect URI; for a user
     * with a PIN, the {@code pin_token} to ask for it with instead (the sign-in then continues to that URI). A user
     * the pipeline refuses (locked, disabled, a pending action) is refused exactly as a password login would be.
     */
    private Confirmation signIn(Grant grant) {
        EventBuilder event = RouteEvents.start(session, EventType.LOGIN, LINK_ROUTE)
                .client(grant.clientId())
                .detail(Details.AUTH_METHOD, "magic_link")
                .detail(Details.REDIRECT_URI, grant.redirectUri());
        try {
            return new SignInPipeline(session).signIn(SignInAttempt.link(grant.user(),
                            new Continuation.Page(grant.redirectUri(), grant.clientId()), event)).pinToken()
                    .map(Confirmation::pinNeeded)
                    .orElseGet(() -> Confirmation.redirect(URI.create(grant.redirectUri())));
        } catch (ApiException refused) {
            return Confirmation.refused(refused.status());
        }
    }

    /**
     * Hands the user to the waiting browser login. In the browser that started it, this tab goes on at once (in
     * a fork of that login, so the tab still waiting follows by the SSO cookie); elsewhere the user is told to go
     * back to it, where "continue" finishes it.
     */
    private Confirmation continueBrowserLogin(Grant grant) {
        return KeycloakSessions.confirmLoginInProgress(session, grant.rootSessionId(), grant.tabId(), grant.clientId(),
                        grant.execution(), CONFIRMED_USER_NOTE, grant.user().getId())
                .map(resume -> resume.sameBrowser()
                        ? Confirmation.redirect(resume.uri())
                        : Confirmation.of(Outcome.RETURN_TO_LOGIN))
                .orElseGet(() -> Confirmation.of(Outcome.LOGIN_EXPIRED));
    }

    private void request(String email, MagicLinkSettings settings, String counter, Map<String, String> binding,
                         Map<String, String> linkQuery) {
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        EventBuilder event = RouteEvents.start(session, EventType.EXECUTE_ACTIONS, REQUEST_ROUTE)
                .detail(Details.EMAIL, normalized)
                .detail("lanyard_action", "magic_link_requested");
        OptionalLong wait = settings.limits().acquire(session, counter, normalized);
        if (wait.isPresent()) {
            event.error("too_many_requests");
            throw ApiException.tooManyRequests(wait.getAsLong());
        }

        UserModel user = session.users().getUserByEmail(realm, normalized);
        if (user == null || !user.isEnabled() || !user.isEmailVerified()) {
            event.error(user == null ? Errors.USER_NOT_FOUND : user.isEnabled() ? "email_not_verified" : Errors.USER_DISABLED);
            return;
        }
        Optional<UriBuilder> mailed = ApiUrls.mailed(session, LINK_ROUTE);
        if (mailed.isEmpty()) {
            LOG.warnf("No magic link mailed in realm %s: set its Frontend URL or the server's hostname", realm.getName());
            event.user(user).error(NO_CONFIGURED_ORIGIN);
            return;
        }
        Map<String, String> data = new HashMap<>(binding);
        data.put(USER_ID, user.getId());
        String secret = secrets.issue(data, settings.ttlSeconds());
        UriBuilder link = mailed.get().queryParam("token", secret);
        linkQuery.forEach(link::queryParam);
        String userId = user.getId();
        new KeycloakMails(session).sendInBackground(user, "lanyardMagicLinkSubject", "lanyard-magic-link.ftl",
                Map.of("link", link.build().toString(), "linkExpirationMinutes", Math.max(1, settings.ttlSeconds() / 60)),
                worker -> RouteEvents.startInBackground(worker, EventType.EXECUTE_ACTIONS, REQUEST_ROUTE)
                        .user(userId).detail("lanyard_action", "magic_link_sent").success());
        event.user(user).success();
    }

    private Optional<Grant> grantOf(Map<String, String> data) {
        return Optional.ofNullable(session.users().getUserById(realm, data.get(USER_ID)))
                .map(user -> new Grant(user, data.get(REDIRECT_URI), data.get(CLIENT_ID), data.get(ROOT_SESSION_ID),
                        data.get(TAB_ID), data.get(EXECUTION), data.get(MATCH_CODE), OneTimeSecrets.secondsLeft(data)));
    }

    /** The expired-link page's form action, on the host that page was answered from. */
    URI renewUri() {
        return ApiUrls.of(session, LINK_ROUTE).path("renew").build();
    }

    private static Map<String, String> linkQuery(String redirectUri, String clientId) {
        Map<String, String> query = new HashMap<>();
        query.put(REDIRECT_URI, redirectUri);
        if (clientId != null) {
            query.put(CLIENT_ID, clientId);
        }
        return query;
    }

    /** What a link grants: its user, and where the sign-in continues. */
    record Grant(UserModel user, String redirectUri, String clientId, String rootSessionId, String tabId, String execution,
                 String matchCode, long secondsLeft) {

        boolean continuesBrowserLogin() {
            return rootSessionId != null;
        }
    }

    /** What confirming a link came to, with where the browser goes next, the PIN token or the refusal's status where it has one. */
    record Confirmation(Outcome outcome, URI next, String pinToken, int status) {

        static Confirmation of(Outcome outcome) {
            return new Confirmation(outcome, null, null, 0);
        }

        static Confirmation redirect(URI next) {
            return new Confirmation(Outcome.REDIRECT, next, null, 0);
        }

        static Confirmation pinNeeded(String pinToken) {
            return new Confirmation(Outcome.PIN_NEEDED, null, pinToken, 0);
        }

        static Confirmation refused(int status) {
            return new Confirmation(Outcome.REFUSED, null, null, status);
        }
    }

    /** The kinds of {@link Confirmation}; each has a page of its own. */
    enum Outcome {
        /** The link is unknown, used or expired. */
        EXPIRED,
        /** The waiting page's code is needed and was not given. */
        CODE_NEEDED,
        /** The code was wrong; the link takes more tries. */
        CODE_WRONG,
        /** The last wrong code (or a code past the attempts): the link is void. */
        CODE_VOID,
        /** Signed in, or the browser login goes on in this browser: on to {@code next}. */
        REDIRECT,
        /** The user has a PIN: it is asked for with {@code pinToken} before the sign-in is done. */
        PIN_NEEDED,
        /** The sign-in pipeline refused the user, with {@code status}. */
        REFUSED,
        /** The browser login waits in another browser: the user goes back to it. */
        RETURN_TO_LOGIN,
        /** The browser login the link was for is gone. */
        LOGIN_EXPIRED
    }

    /** Whether a confirmation may go on: no code needed, the right code, or not yet. */
    enum CodeCheck {
        NOT_NEEDED, MATCHES, NEEDED, WRONG, VOID;

        boolean passed() {
            return this == NOT_NEEDED || this == MATCHES;
        }
    }
}
