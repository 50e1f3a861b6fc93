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

    /** The login gate's id: the same check, in another SPI. */
    @Override
    public String getId() {
        return AppPermissionGateFactory.ID;
    }

    @Override
    protected Optional<String> refusal(KeycloakSession session, UserModel user, ClientModel client) {
        // A client's service account is no person asking for access: like the login gate, this leaves it alone.
        if (user.getServiceAccountClientLink() != null || AppAccess.granted(session, user, client)) {
            return Optional.empty();
        }
        return Optional.of("The user's permission for this app is not approved");
    }
}
