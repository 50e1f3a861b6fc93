package dev.lanyard.keycloak.internals;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.models.utils.AuthenticationFlowResolver;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OAuth2DeviceCodeModel;
import org.keycloak.models.OAuth2DeviceUserCodeProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.grants.device.DeviceGrantType;
import org.keycloak.protocol.oidc.grants.device.endpoints.DeviceEndpoint;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

import java.util.Optional;

/**
 * Adapter over Keycloak's device grant ({@code keycloak-services}): the pending requests that its device
 * endpoint stored, and the same approval that its device verification page gives after a browser login (a
 * client session on the user's session, consent where the client asks for it), so the device's next poll of
 * the token endpoint gets tokens, or {@code access_denied}.
 */
public final class KeycloakDeviceGrants {

    private static final String DECISION = "lanyard.device-decision.";

    private final KeycloakSession session;
    private final RealmModel realm;

    public KeycloakDeviceGrants(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The request a user code stands for while it can still be approved: pending and not expired. */
    public Optional<DeviceRequest> pending(String userCode) {
        String formatted = format(userCode);
        return Optional.ofNullable(formatted == null ? null : DeviceEndpoint.getDeviceByUserCode(session, realm, formatted))
                .filter(device -> device.isPending() && !device.isDenied() && !device.isExpired())
                .flatMap(device -> Optional.ofNullable(realm.getClientByClientId(device.getClientId()))
                        .filter(ClientModel::isEnabled)
                        .map(client -> new DeviceRequest(formatted, client, device.getScope(), device.getExpiration())));
    }

    /**
     * Approves for the user of {@code userSession} once Keycloak's device page would: the client's flow (its
     * override, else the realm's browser flow) accepts that session without showing anything and no required action
     * is pending; the approval itself is the consent the page asks. {@link KeycloakAuthorizationCodes.Refusal} when
     * Keycloak would deny ({@code access_denied}) or ask for more ({@code login_required}, {@code interaction_required});
     * false when the code was used, decided or expired meanwhile.
     */
    public boolean approve(DeviceRequest request, UserSessionModel userSession, EventBuilder event) {
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).createAuthenticationSession(realm, false);
        try {
            AuthenticationSessionModel login = root.createAuthenticationSession(request.client());
            login.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
            login.setAction(AuthenticationSessionModel.Action.AUTHENTICATE.name());
            login.setClientNote(OIDCLoginProtocol.ISSUER, Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
            if (request.scope() != null) {
                login.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, request.scope());
            }
            refusal(login, userSession, event).ifPresent(error -> {
                throw new KeycloakAuthorizationCodes.Refusal(error, "Keycloak's device page would not approve for this session");
            });
            if (!claimDecision(request)) {
                return false;
            }
            login.setAuthenticatedUser(userSession.getUser());
            login.setClientNote(DeviceGrantType.OAUTH2_DEVICE_VERIFIED_USER_CODE, request.userCode());
            AuthenticationManager.setClientScopesInSession(session, login);
            if (request.client().isConsentRequired()) {
                KeycloakConsents.grant(session, userSession.getUser(), request.client(), login.getClientScopes());
            }
            TokenManager.attachAuthenticationSession(session, userSession, login);
            if (!DeviceGrantType.approveUserCode(session, realm, request.userCode(), userSession.getId(), null)) {
                return false;
            }
            DeviceGrantType.removeDeviceByUserCode(session, realm, request.userCode());
            return true;
        } finally {
            session.authenticationSessions().removeRootAuthenticationSession(realm, root);
        }
    }

    /**
     * What Keycloak's device page would do for the browser of {@code userSession}: its authentication processor runs
     * the client's flow as for {@code prompt=none}, then looks for a required action (consent is what the caller gives).
     */
    private Optional<String> refusal(AuthenticationSessionModel login, UserSessionModel userSession, EventBuilder event) {
        return SsoBrowser.call(session, userSession, new MultivaluedHashMap<>(), () -> {
            login.setAuthNote(AuthenticationProcessor.CURRENT_FLOW_PATH, LoginActionsService.AUTHENTICATE_PATH);
            AuthenticationProcessor processor = new AuthenticationProcessor()
                    .setAuthenticationSession(login)
                    .setFlowPath(LoginActionsService.AUTHENTICATE_PATH)
                    .setFlowId(AuthenticationFlowResolver.resolveBrowserFlow(login).getId())
                    .setBrowserFlow(true)
                    .setConnection(session.getContext().getConnection())
                    .setEventBuilder(event)
                    .setRealm(realm)
                    .setSession(session)
                    .setUriInfo(session.getContext().getUri())
                    .setRequest(session.getContext().getHttpRequest());
            try {
                if (processor.authenticateOnly() != null) {
                    // A page: Keycloak's "Access denied" (a deny step recorded it), else a login step.
                    return Optional.of(Errors.ACCESS_DENIED.equals(event.getEvent().getError()) ? "access_denied" : "login_required");
                }
                AuthenticationManager.setClientScopesInSession(session, login);
                String action = processor.nextRequiredAction();
                return action == null || AuthenticationSessionModel.Action.OAUTH_GRANT.name().equals(action)
                        ? Optional.<String>empty() : Optional.of("interaction_required");
            } catch (AuthenticationFlowException refused) {
                return Optional.of(refused.getError() == AuthenticationFlowError.ACCESS_DENIED ? "access_denied" : "login_required");
            }
        }).orElse(Optional.of("login_required"));
    }

    /** Denies the request; false when the code was used or expired meanwhile. */
    public boolean deny(DeviceRequest request) {
        if (!claimDecision(request) || !DeviceGrantType.denyUserCode(session, realm, request.userCode())) {
            return false;
        }
        DeviceGrantType.removeDeviceByUserCode(session, realm, request.userCode());
        return true;
    }

    /**
     * One decision per user code, on any node: Keycloak's own approve and deny overwrite the stored request
     * unconditionally, so parallel decisions first race for this atomic entry, which outlives the code.
     */
    private boolean claimDecision(DeviceRequest request) {
        long lifespan = Math.max(1, request.expiresAt() - Time.currentTime()) + 60L;
        return session.singleUseObjects().putIfAbsent(DECISION + realm.getId() + "." + request.userCode(), lifespan);
    }

    /** The user code as Keycloak stores it (its provider decides case and separators); null for no code. */
    private String format(String userCode) {
        if (userCode == null || userCode.isBlank()) {
            return null;
        }
        return session.getProvider(OAuth2DeviceUserCodeProvider.class).format(userCode.trim());
    }

    /** A pending device request: its client, the scope it asked for and when it expires (epoch seconds). */
    public record DeviceRequest(String userCode, ClientModel client, String scope, int expiresAt) {
    }
}
