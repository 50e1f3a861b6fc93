package dev.lanyard.keycloak.platform;

import dev.lanyard.keycloak.internals.IssuedTokens;
import dev.lanyard.keycloak.realm.LanyardClientPolicy;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.List;
import java.util.Optional;

/**
 * A tenant's own app ({@code lanyard.platform.tenant}) gets tokens only for members of that tenant's organization,
 * whatever grant or route asked (native authorize, Lanyard's routes, the device flow, the password grant, refresh),
 * and those tokens name the tenant in their {@code organization} claim. Keycloak runs this executor where its own
 * client policies run, just before tokens leave; a non-member's grant answers {@code access_denied}.
 */
final class TenantMembershipExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    /** The token claim Keycloak's organization scope writes: the aliases of the user's organizations. */
    static final String ORGANIZATION_CLAIM = "organization";

    private final KeycloakSession session;

    TenantMembershipExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return LanyardClientPolicy.TENANT_MEMBERSHIP;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        Optional<IssuedTokens> issued = IssuedTokens.of(session, context);
        if (issued.isEmpty()) {
            return;
        }
        String tenantAlias = issued.get().client().getAttribute(PlatformApps.TENANT_ATTRIBUTE);
        if (tenantAlias == null || tenantAlias.isBlank()) {
            return;
        }
        UserModel user = issued.get().user();
        if (new Tenants(session).bySlug(tenantAlias).filter(tenant -> tenant.isMember(user)).isEmpty()) {
            throw new ClientPolicyException("access_denied", "The user is not a member of this app's tenant");
        }
        issued.get().setClaim(ORGANIZATION_CLAIM, List.of(tenantAlias));
    }
}
