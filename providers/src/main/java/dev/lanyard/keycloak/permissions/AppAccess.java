package dev.lanyard.keycloak.permissions;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * Whether a user may have codes and tokens of an app: the app asks for no permission (client attribute
 * {@code lanyard.permission.required}), or the user's permission there is approved. The login flow's "Require app
 * permission" step and every route that issues a code or approves a device outside that flow ask the same.
 */
public final class AppAccess {

    public static final String REQUIRED_ATTRIBUTE = "lanyard.permission.required";

    private AppAccess() {
    }

    public static boolean granted(KeycloakSession session, UserModel user, ClientModel client) {
        return !isRequired(client)
                || PermissionStatus.APPROVED.value().equals(new PermissionService(session).read(user, client).status());
    }

    static boolean isRequired(ClientModel client) {
        return Boolean.parseBoolean(client.getAttribute(REQUIRED_ATTRIBUTE));
    }
}
