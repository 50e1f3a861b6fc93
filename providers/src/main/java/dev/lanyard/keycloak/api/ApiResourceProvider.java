package dev.lanyard.keycloak.api;

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
        return new ApiRootResource(session, version);
    }

    @Override
    public void close() {
    }
}
