package dev.lanyard.keycloak.platform;

import dev.lanyard.keycloak.realm.LanyardClientPolicy;
import dev.lanyard.keycloak.realm.LanyardExecutorFactory;

/** Registers {@link TenantMembershipExecutor}, which Lanyard's client policy runs. */
public final class TenantMembershipExecutorFactory extends LanyardExecutorFactory {

    public TenantMembershipExecutorFactory() {
        super(LanyardClientPolicy.TENANT_MEMBERSHIP, "Lanyard: a tenant's own app (client attribute lanyard.platform.tenant) "
                + "gets tokens only for members of the tenant's organization, which its tokens name in the organization claim.",
                TenantMembershipExecutor::new);
    }
}
