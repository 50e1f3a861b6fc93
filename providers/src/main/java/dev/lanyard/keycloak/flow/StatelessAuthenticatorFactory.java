package dev.lanyard.keycloak.flow;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** An authenticator factory whose authenticator keeps no state, so one instance serves every login. */
public abstract class StatelessAuthenticatorFactory implements AuthenticatorFactory {

    private final Authenticator authenticator;

    protected StatelessAuthenticatorFactory(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
