package dev.lanyard.keycloak.internals;

import dev.lanyard.keycloak.realm.Capabilities;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCWellKnownProviderFactory;
import org.keycloak.protocol.oidc.representations.OIDCConfigurationRepresentation;
import org.keycloak.wellknown.WellKnownProvider;

/**
 * The realm's OpenID Connect discovery document: Keycloak's own, with {@code authorization_challenge_endpoint}
 * (draft-ietf-oauth-first-party-apps) added where the realm serves Lanyard's {@code oauth} capability, and untouched
 * everywhere else.
 */
final class OidcDiscovery implements WellKnownProvider {

    private final KeycloakSession session;

    OidcDiscovery(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getConfig() {
        // Keycloak's provider, made by its own factory with the configuration given to it (override file, client scopes).
        Object config = session.getProvider(WellKnownProvider.class, OIDCWellKnownProviderFactory.PROVIDER_ID).getConfig();
        if (config instanceof OIDCConfigurationRepresentation oidc
                && Capabilities.of(session.getContext().getRealm()).has(Capabilities.OAUTH)) {
            // The issuer is the realm's URL as its clients reach it (Frontend URL or hostname); the API lies beneath it.
            oidc.setOtherClaims("authorization_challenge_endpoint", oidc.getIssuer() + "/api/oauth/authorize-challenge");
        }
        return config;
    }

    @Override
    public void close() {
    }
}
