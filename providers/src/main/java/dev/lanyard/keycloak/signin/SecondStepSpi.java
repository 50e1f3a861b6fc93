package dev.lanyard.keycloak.signin;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Lanyard's SPI of the {@link SecondStep}, through which {@code signin} finds the PIN without importing it. */
public final class SecondStepSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "lanyard-second-step";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return SecondStep.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SecondStepFactory.class;
    }
}
