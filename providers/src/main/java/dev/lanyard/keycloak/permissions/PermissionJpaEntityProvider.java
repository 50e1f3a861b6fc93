package dev.lanyard.keycloak.permissions;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

import java.util.List;

/** Hands Keycloak's JPA layer the permission table and its Liquibase changelog. */
final class PermissionJpaEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(AppPermissionEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/lanyard-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return PermissionJpaEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
