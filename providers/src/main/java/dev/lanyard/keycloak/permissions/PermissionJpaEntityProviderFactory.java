package dev.lanyard.keycloak.permissions;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Registers the permission table, and removes a user's, client's or realm's records along with it. */
public final class PermissionJpaEntityProviderFactory implements JpaEntityProviderFactory {

    static final String ID = "lanyard-app-permissions";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new PermissionJpaEntityProvider();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof UserModel.UserRemovedEvent removed) {
                new PermissionStore(removed.getKeycloakSession()).deleteForUser(removed.getRealm(), removed.getUser().getId());
            } else if (event instanceof ClientModel.ClientRemovedEvent removed) {
                ClientModel client = removed.getClient();
                new PermissionStore(removed.getKeycloakSession()).deleteForClient(client.getRealm(), client.getId());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new PermissionStore(removed.getKeycloakSession()).deleteForRealm(removed.getRealm());
            }
        });
    }

    @Override
    public void close() {
    }
}
