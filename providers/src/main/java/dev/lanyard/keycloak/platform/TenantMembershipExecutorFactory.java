package dev.lanyard.keycloak.platform;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

import java.util.List;

/**
 * Registers {@link TenantMembershipExecutor} and keeps it in force: a realm that turns Lanyard on gets Lanyard's
 * client policy that runs it for every client ({@link TenantBindingPolicy}), at that moment and at each start.
 */
public final class TenantMembershipExecutorFactory implements ClientPolicyExecutorProviderFactory {

    public static final String ID = "lanyard-tenant-membership";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new TenantMembershipExecutor(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmAttributeUpdateEvent update && TenantBindingPolicy.turnsLanyardOn(update)) {
                TenantBindingPolicy.install(update.getKeycloakSession(), update.getRealm());
            } else if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, TenantBindingPolicy::installWhereLanyardIsOn);
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "Lanyard: a tenant's own app (client attribute lanyard.platform.tenant) gets tokens only for members of the "
                + "tenant's organization, which its tokens name in the organization claim.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
