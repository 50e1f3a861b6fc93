package dev.lanyard.keycloak.signin;

import org.keycloak.provider.ProviderFactory;

/** Makes the {@link SecondStep} of a request; registered in {@code META-INF/services}. */
public interface SecondStepFactory extends ProviderFactory<SecondStep> {
}
