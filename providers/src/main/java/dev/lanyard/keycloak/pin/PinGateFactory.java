package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.signin.SecondStep;
import dev.lanyard.keycloak.signin.SecondStepFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Provides the {@link PinGate} as the sign-in pipeline's second step. */
public final class PinGateFactory implements SecondStepFactory {

    @Override
    public SecondStep create(KeycloakSession session) {
        return new PinGate(session);
    }

    @Override
    public String getId() {
        return PinGate.CREDENTIAL_TYPE;
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
