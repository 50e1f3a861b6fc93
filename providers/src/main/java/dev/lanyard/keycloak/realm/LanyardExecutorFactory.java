package dev.lanyard.keycloak.realm;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

import java.util.List;
import java.util.function.Function;

/**
 * The factory of one of the executors of Lanyard's client policy ({@link LanyardClientPolicy}): stateless and without
 * settings, so Keycloak's lifecycle calls have nothing to do.
 */
public abstract class LanyardExecutorFactory implements ClientPolicyExecutorProviderFactory {

    private final String id;
    private final String helpText;
    private final Function<KeycloakSession, ClientPolicyExecutorProvider<?>> executor;

    protected LanyardExecutorFactory(String id, String helpText, Function<KeycloakSession, ClientPolicyExecutorProvider<?>> executor) {
        this.id = id;
        this.helpText = helpText;
        this.executor = executor;
    }

    @Override
    public final ClientPolicyExecutorProvider create(KeycloakSession session) {
        return executor.apply(session);
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final String getHelpText() {
        return helpText;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
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
