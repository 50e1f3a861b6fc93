package dev.lanyard.keycloak.internals;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.OIDCWellKnownProviderFactory;
import org.keycloak.wellknown.WellKnownProvider;
import org.keycloak.wellknown.WellKnownProviderFactory;

/**
 * Serves {@code /realms/{realm}/.well-known/openid-configuration} ({@link OidcDiscovery}) under an id of its own, so
 * that Keycloak's OIDC factory stays registered under its id and {@link OidcDiscovery} can wrap it.
 */
public final class OidcDiscoveryFactory implements WellKnownProviderFactory {

    @Override
    public WellKnownProvider create(KeycloakSession session) {
        return new OidcDiscovery(session);
    }

    @Override
    public String getAlias() {
        return OIDCWellKnownProviderFactory.PROVIDER_ID;
    }

    /** Keycloak serves an alias from the factory of lowest priority; its OIDC factory says 100. */
    @Override
    public int getPriority() {
        return 1;
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

    @Override
    public String getId() {
        return "lanyard-openid-configuration";
    }
}
