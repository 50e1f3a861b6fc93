package dev.lanyard.keycloak.internals;

import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.UserSessionProvider;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;
import org.keycloak.utils.SecureContextResolver;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Adapter over Keycloak's session internals ({@code keycloak-services}): real user sessions with Keycloak's
 * own SSO cookies, as a browser login through the login page would leave them.
 */
public final class KeycloakSessions {

    private KeycloakSessions() {
    }

    /**
     * Starts a user session (shown in the admin console) and, with {@code ssoCookies}, sets Keycloak's SSO cookies
     * for it, so that the browser's next authorize request needs no login page.
     */
    public static UserSessionModel signIn(KeycloakSession session, UserModel user, boolean rememberMe, boolean ssoCookies) {
        KeycloakContext context = session.getContext();
        RealmModel realm = context.getRealm();
        ClientConnection connection = context.getConnection();
        UserSessionModel userSession = new UserSessionManager(session).createUserSession(realm, user, user.getUsername(),
                connection.getRemoteHost(), OIDCLoginProtocol.LOGIN_PROTOCOL, rememberMe, null, null);
        userSession.setState(UserSessionModel.State.LOGGED_IN);
        userSession.setNote(AuthenticationManager.AUTH_TIME, String.valueOf(Time.currentTime()));
        if (ssoCookies) {
            AuthenticationManager.createLoginCookie(session, realm, user, userSession, context.getUri(), connection);
        }
        return userSession;
    }

    /** Ends the user session everywhere (clients are told through back-channel logout) and expires the SSO cookies. */
    public static void signOut(KeycloakSession session, UserSessionModel userSession) {
        end(session, userSession);
        AuthenticationManager.expireIdentityCookie(session);
    }

    /** Ends the user session everywhere (back-channel logout) but leaves this request's cookies: it is another browser's session. */
    public static void end(KeycloakSession session, UserSessionModel userSession) {
        KeycloakContext context = session.getContext();
        AuthenticationManager.backchannelLogout(session, context.getRealm(), userSession, context.getUri(),
                context.getConnection(), context.getRequestHeaders(), true);
    }

    /**
     * Ends every session {@code user} has with {@code client}, online and offline, as Keycloak's admin "revoke
     * consent" does: the client is told through back-channel logout, its client sessions are detached (so Keycloak
     * refuses their refresh tokens with {@code invalid_grant}) and its offline tokens revoked. The user's sessions
     * with other clients, and the SSO session itself, stay. Returns how many sessions of each kind ended.
     */
    public static EndedSessions endClientSessions(KeycloakSession session, UserModel user, ClientModel client) {
        KeycloakContext context = session.getContext();
        RealmModel realm = context.getRealm();
        UserSessionProvider sessions = session.sessions();
        // Counted first: Keycloak's calls below say at most whether anything ended.
        int online = countWith(sessions.getUserSessionsStream(realm, user), client);
        int offline = countWith(sessions.getOfflineUserSessionsStream(realm, user), client);
        if (online > 0) {
            AuthenticationManager.backchannelLogoutUserFromClient(session, realm, user, client, context.getUri(),
                    context.getRequestHeaders());
        }
        if (offline > 0) {
            new UserSessionManager(session).revokeOfflineToken(user, client);
        }
        return new EndedSessions(online, offline);
    }

    private static int countWith(Stream<UserSessionModel> userSessions, ClientModel client) {
        return (int) userSessions.filter(userSession -> userSession.getAuthenticatedClientSessionByClient(client.getId()) != null).count();
    }

    /** How many of a user's sessions with a client ended: online (SSO) and offline. */
    public record EndedSessions(int online, int offline) {

        public int total() {
            return online + offline;
        }
    }

    /**
     * Hands a confirmed user to a browser login that is waiting for it (an auth note its authenticator reads)
     * and says how that login resumes: the login-actions URL that submits to the waiting {@code execution}
     * again (its action sees the note), and whether this request comes from the browser that started it.
     * Empty when that login is gone.
     *
     * <p>In the browser that started it, the login goes on in a fork of it (Keycloak's own copy of a login, in
     * another tab of the same authentication session): finishing a tab ends only that tab, so the waiting tab
     * keeps its login, and Keycloak's check for a sign-in in another tab then completes it with the new SSO
     * cookie. Had this tab finished the waiting login itself, that check would find it gone and send the app
     * {@code temporarily_unavailable} ({@code authentication_expired}).
     */
    public static Optional<LoginResume> confirmLoginInProgress(KeycloakSession session, String rootSessionId, String tabId,
                                                               String clientId, String execution, String note, String value) {
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = realm.getClientByClientId(clientId);
        RootAuthenticationSessionModel root = client == null ? null
                : session.authenticationSessions().getRootAuthenticationSession(realm, rootSessionId);
        AuthenticationSessionModel waiting = root == null ? null : root.getAuthenticationSession(client, tabId);
        if (waiting == null) {
            return Optional.empty();
        }
        boolean sameBrowser = isCurrentBrowser(session, rootSessionId);
        AuthenticationSessionModel login = sameBrowser ? fork(session, waiting) : waiting;
        login.setAuthNote(note, value);
        URI resume = LoginActionsService.loginActionsBaseUrl(session.getContext().getUri())
                .path(LoginActionsService.AUTHENTICATE_PATH)
                .queryParam(LoginActionsService.SESSION_CODE, new ClientSessionCode<>(session, realm, login).getOrGenerateCode())
                .queryParam(Constants.EXECUTION, execution)
                .queryParam(Constants.CLIENT_ID, clientId)
                .queryParam(Constants.TAB_ID, login.getTabId())
                .build(realm.getName());
        return Optional.of(new LoginResume(resume, sameBrowser));
    }

    /**
     * A fork of {@code login} (Keycloak's clone: the same client, authorization request and root session) that
     * stands where {@code login} stands in its flow, so that the step {@code login} waits at can be submitted to.
     */
    private static AuthenticationSessionModel fork(KeycloakSession session, AuthenticationSessionModel login) {
        AuthenticationSessionModel fork = AuthenticationProcessor.clone(session, login);
        fork.setAction(login.getAction());
        login.getExecutionStatus().forEach(fork::setExecutionStatus);
        login.getUserSessionNotes().forEach(fork::setUserSessionNote);
        for (String position : List.of(AuthenticationProcessor.CURRENT_FLOW_PATH, AuthenticationProcessor.CURRENT_AUTHENTICATION_EXECUTION)) {
            String value = login.getAuthNote(position);
            if (value != null) {
                fork.setAuthNote(position, value);
            }
        }
        return fork;
    }

    /** Whether the request comes from the browser whose login is {@code rootSessionId} (its auth-session cookie). */
    public static boolean isCurrentBrowser(KeycloakSession session, String rootSessionId) {
        RootAuthenticationSessionModel current = new AuthenticationSessionManager(session)
                .getCurrentRootAuthenticationSession(session.getContext().getRealm());
        return current != null && current.getId().equals(rootSessionId);
    }

    /** Where a browser login goes on, and whether the current request comes from its browser. */
    public record LoginResume(URI uri, boolean sameBrowser) {
    }

    /** The user session named by Keycloak's own SSO cookie in this request, while it is valid and active. */
    public static Optional<UserSessionModel> ofIdentityCookie(KeycloakSession session) {
        return Optional.ofNullable(AuthenticationManager.authenticateIdentityCookie(session, session.getContext().getRealm(), true))
                .map(result -> (UserSessionModel) KeycloakSignatures.read(result, "session", "getSession"));
    }

    /** Whether Keycloak still considers the user session alive (idle and max lifespans of the realm). */
    public static boolean isAlive(RealmModel realm, UserSessionModel userSession) {
        return AuthenticationManager.isSessionValid(realm, userSession);
    }

    /** Whether the request came in a secure context (HTTPS, or a loopback host), as Keycloak decides for its cookies. */
    public static boolean isSecureContext(KeycloakSession session) {
        return SecureContextResolver.isSecureContext(session);
    }
}
