package dev.lanyard.keycloak.internals;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserConsentModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.UserConsentManager;

import java.util.Set;

/** Adapter over Keycloak's consent store ({@code keycloak-services}): grants as its consent page records them. */
public final class KeycloakConsents {

    private KeycloakConsents() {
    }

    /** Adds the client scopes shown on the consent screen among {@code clientScopeIds} to the user's consent for the client. */
    public static void grant(KeycloakSession session, UserModel user, ClientModel client, Set<String> clientScopeIds) {
        RealmModel realm = session.getContext().getRealm();
        UserConsentModel consent = UserConsentManager.getConsentByClient(session, realm, user, client.getId());
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
    }
}
