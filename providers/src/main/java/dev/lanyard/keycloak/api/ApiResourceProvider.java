package dev.lanyard.keycloak.api;

import dev.lanyard.keycloak.internals.SsoBrowser;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

final class ApiResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final String version;

    ApiResourceProvider(KeycloakSession session, String version) {
        this.session = session;
        this.version = version;
    }

    @Override
    public Object getResource() {
        // Before anything reads a cookie: Keycloak may be asked to decide for a user session (SsoBrowser).
        SsoBrowser.install(session);
        return new ApiRootResource(session, version);
    }

    @Override
    public void close() {
    }
}
