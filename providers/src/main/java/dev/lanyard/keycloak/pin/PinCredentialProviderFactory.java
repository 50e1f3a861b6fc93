package dev.lanyard.keycloak.pin;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the {@code pin} credential type. */
public final class PinCredentialProviderFactory implements CredentialProviderFactory<PinCredentialProvider> {

    public static final String ID = "lanyard-pin";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public PinCredentialProvider create(KeycloakSession session) {
        return new PinCredentialProvider(session);
    }
}
