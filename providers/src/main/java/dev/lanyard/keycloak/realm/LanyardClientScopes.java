package dev.lanyard.keycloak.realm;

import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;

/**
 * Lanyard's client scopes in a realm that has Lanyard on, provided as Keycloak provides its built-in ones: the
 * optional scope {@value #AUTHORIZE}, which an access token must carry to ask {@code {api}/oauth/authorize} for a code.
 * A scope is added where missing, never changed: an admin may edit or assign it like any other.
 */
public final class LanyardClientScopes {

    /** An app asks for it on its own login ({@code scope=openid lanyard-authorize}) to get codes by bearer token later. */
    public static final String AUTHORIZE = "lanyard-authorize";

    private LanyardClientScopes() {
    }

    /** Adds {@value #AUTHORIZE} when the realm has no client scope of that name; new clients get it as an optional scope. */
    public static void install(RealmModel realm) {
        if (realm.getClientScopesStream().anyMatch(scope -> AUTHORIZE.equals(scope.getName()))) {
            return;
        }
        ClientScopeModel scope = realm.addClientScope(AUTHORIZE);
        scope.setProtocol(Constants.OIDC_PROTOCOL);
        scope.setDescription("Lanyard: the access token may ask Lanyard's authorize endpoint for authorization codes "
                + "(bearer authorize) for the signed-in user.");
        scope.setIncludeInTokenScope(true);
        scope.setDisplayOnConsentScreen(false);
        realm.addDefaultClientScope(scope, false);
    }
}
