package dev.lanyard.keycloak.platform;

import dev.lanyard.keycloak.clients.AppAccess;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.KeycloakDeviceGrants;
import dev.lanyard.keycloak.signin.SignedInUser;
import dev.lanyard.keycloak.internals.KeycloakAuthorizationCodes;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The people's side of the device flow (RFC 8628) over Keycloak's device grant: what a user code stands for,
 * and the signed-in user's approval or denial, after which the device's poll gets tokens or {@code access_denied}.
 */
final class DeviceVerificationService {

    static final String APPROVE = "approve";
    static final String DENY = "deny";
    private static final String ROUTE = "v1/platform/oauth/device/verify";

    private final KeycloakSession session;
    private final KeycloakDeviceGrants grants;

    DeviceVerificationService(KeycloakSession session) {
        this.session = session;
        this.grants = new KeycloakDeviceGrants(session);
    }

    /** The pending request of a user code; 404 {@code invalid_user_code} for an unknown, used or expired code. */
    DeviceRequestRepresentation describe(String userCode) {
        KeycloakDeviceGrants.DeviceRequest request = pending(userCode);
        ClientModel client = request.client();
        String name = client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName();
        List<String> scopes = request.scope() == null ? List.of()
                : Arrays.stream(request.scope().split(" ")).filter(scope -> !scope.isBlank()).toList();
        return new DeviceRequestRepresentation(client.getClientId(), name, scopes,
                Instant.ofEpochSecond(request.expiresAt()).toString());
    }

    /** The signed-in user's decision. */
    StatusRepresentation decide(SignedInUser signedIn, String userCode, String decision) {
        KeycloakDeviceGrants.DeviceRequest request = pending(userCode);
        EventBuilder event = RouteEvents.start(session, EventType.OAUTH2_DEVICE_VERIFY_USER_CODE, ROUTE)
                .client(request.client()).detail("decision", decision);
        if (APPROVE.equals(decision)) {
            event.user(signedIn.user()).session(signedIn.userSession());
            if (!signedIn.everyFactorChecked()) {
                // Keycloak has no SSO session for this browser: its device page would ask for the factors not checked.
                event.error("login_required");
                throw ApiException.of(403, "login_required", "This sign-in did not check every factor the account needs; sign in on the login page");
            }
            if (!AppAccess.granted(signedIn.user(), request.client())) {
                event.error("access_denied");
                throw ApiException.accessDenied("The user's permission for this app is not approved");
            }
            try {
                if (!grants.approve(request, signedIn.userSession(), event)) {
                    throw invalidUserCode();
                }
            } catch (KeycloakAuthorizationCodes.Refusal refusal) {
                if (event.getEvent().getError() == null) {
                    event.error(refusal.error());
                }
                throw ApiException.of(403, refusal.error(), refusal.getMessage());
            }
            event.success();
            return new StatusRepresentation("approved");
        }
        event.user(signedIn.user()).session(signedIn.userSession());
        if (!grants.deny(request)) {
            throw invalidUserCode();
        }
        event.success();
        return new StatusRepresentation("denied");
    }

    private KeycloakDeviceGrants.DeviceRequest pending(String userCode) {
        return grants.pending(userCode).orElseThrow(DeviceVerificationService::invalidUserCode);
    }

    private static ApiException invalidUserCode() {
        return ApiException.of(404, "invalid_user_code", "The user code is unknown, used or expired");
    }
}
