package dev.lanyard.keycloak.console;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;

/** A console form that keeps nothing between calls: Keycloak's lifecycle calls have nothing to do. */
abstract class StatelessConsoleForm {

    public void init(Config.Scope config) {
    }

    public void postInit(KeycloakSessionFactory factory) {
    }

    public void close() {
    }
}
