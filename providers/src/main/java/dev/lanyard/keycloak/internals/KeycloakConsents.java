package dev.lanyard.keycloak.internals;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserConsentModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.UserConsentManager;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Adapter over Keycloak's consent store ({@code keycloak-services}): grants as its consent page records them. */
public final class KeycloakConsents {

    private KeycloakConsents() {
    }

    /**
     * Adds the client scopes shown on the consent screen among {@code clientScopeIds} to the user's consent for the
     * client; the returned grant can be undone while the request runs (Keycloak refused the code after all).
     */
    public static Grant grant(KeycloakSession session, UserModel user, ClientModel client, Set<String> clientScopeIds) {
        RealmModel realm = session.getContext().getRealm();
        UserConsentModel consent = UserConsentManager.getConsentByClient(session, realm, user, client.getId());
        Grant grant = new Grant(user, client, consent == null ? null
                : consent.getGrantedClientScopes().stream().map(ClientScopeModel::getId).collect(Collectors.toSet()));
        if (consent == null) {
            consent = new UserConsentModel(client);
            UserConsentManager.addConsent(session, realm, user, consent);
        }
        boolean changed = false;
        for (String id : clientScopeIds) {
            ClientScopeModel scope = KeycloakModelUtils.findClientScopeById(realm, client, id);
            if (scope != null && scope.isDisplayOnConsentScreen() && !consent.isClientScopeGranted(scope)) {
                consent.addGrantedClientScope(scope);
                changed = true;
            }
        }
        if (changed) {
            UserConsentManager.updateConsent(session, realm, user, consent);
        }
        return grant;
    }

    /** A consent just recorded, and what was granted before it ({@code null}: no consent at all). */
    public record Grant(UserModel user, ClientModel client, Set<String> before) {

        /** Puts the user's consent for the client back as it was before the grant. */
        public void undo(KeycloakSession session) {
            RealmModel realm = session.getContext().getRealm();
            if (before == null) {
                UserConsentManager.revokeConsentForClient(session, realm, user, client.getId());
                return;
            }
            UserConsentModel restored = new UserConsentModel(client);
            before.forEach(id -> Optional.ofNullable(KeycloakModelUtils.findClientScopeById(realm, client, id))
                    .ifPresent(restored::addGrantedClientScope));
            UserConsentManager.updateConsent(session, realm, user, restored);
        }
    }
}
