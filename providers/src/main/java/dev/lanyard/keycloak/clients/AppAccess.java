package dev.lanyard.keycloak.clients;

import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;

/**
 * Whether a user may have codes and tokens of an app: the app asks for no permission (client attribute
 * {@code lanyard.permission.required}), or the user holds one of its roles (directly, through a group or a
 * composite), which is what an approved app permission is (the permission routes read it so). The login flow's
 * "Require app permission" step and every route that issues a code or approves a device outside that flow ask the same.
 */
public final class AppAccess {

    public static final String REQUIRED_ATTRIBUTE = "lanyard.permission.required";

    private AppAccess() {
    }

    public static boolean granted(UserModel user, ClientModel client) {
        return !isRequired(client) || client.getRolesStream().anyMatch(user::hasRole);
    }

    public static boolean isRequired(ClientModel client) {
        return Boolean.parseBoolean(client.getAttribute(REQUIRED_ATTRIBUTE));
    }
}
