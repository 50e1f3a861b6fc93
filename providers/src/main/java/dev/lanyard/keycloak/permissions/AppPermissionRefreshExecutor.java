package dev.lanyard.keycloak.permissions;

import dev.lanyard.keycloak.clients.AppAccess;
import dev.lanyard.keycloak.internals.IssuedTokens;
import dev.lanyard.keycloak.realm.LanyardClientPolicy;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.Optional;

/**
 * "Require app permission" at refresh time, wherever the gate is (client attribute {@code lanyard.permission.required}):
 * a refresh of a gated app gets new tokens only while its user's permission there is approved, at Keycloak's token
 * endpoint and {@code {api}/oauth/token} alike. Revocation through Lanyard already ends the app's sessions; this also
 * covers a session that outlived its permission another way (the role taken away in the admin console, a record
 * changed in the database), which Keycloak alone would keep refreshing.
 */
final class AppPermissionRefreshExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    private final KeycloakSession session;

    AppPermissionRefreshExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return LanyardClientPolicy.APP_PERMISSION;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        Optional<IssuedTokens> issued = IssuedTokens.of(session, context).filter(IssuedTokens::refresh);
        if (issued.isPresent() && !mayRefresh(issued.get().user(), issued.get().client())) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_GRANT, "The user's permission for this app is not approved");
        }
    }

    /** A client's service account is no person asking for access: like the login gate, this leaves it alone. */
    private boolean mayRefresh(UserModel user, ClientModel client) {
        return user.getServiceAccountClientLink() != null || AppAccess.granted(user, client);
    }
}
