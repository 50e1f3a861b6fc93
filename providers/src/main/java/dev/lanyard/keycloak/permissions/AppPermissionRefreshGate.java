package dev.lanyard.keycloak.permissions;

import dev.lanyard.keycloak.internals.RefreshTokenVeto;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

import java.util.Optional;

/**
 * "Require app permission" at refresh time, on by itself wherever the gate is (client attribute
 * {@code lanyard.permission.required}): a refresh token of a gated app gets new tokens only while its user's
 * permission there is approved. Revocation through Lanyard already ends the app's sessions; this also covers a
 * session that outlived its permission another way (the role taken away in the admin console, a record changed in
 * the database), which Keycloak alone would keep refreshing.
 */
public final class AppPermissionRefreshGate extends RefreshTokenVeto {

    public static final String ID = AppPermissionGateFactory.ID;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    protected Optional<String> refusal(KeycloakSession session, UserModel user, ClientModel client) {
        return AppAccess.granted(session, user, client) ? Optional.empty()
                : Optional.of("The user's permission for this app is not approved");
    }
}
