package dev.lanyard.keycloak.platform;

import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The platform's tenants: the realm's enabled Keycloak Organizations, named by their alias (the tenant slug). */
final class Tenants {

    /** The identity-provider setting that ties a provider to one of its organization's domains. */
    private static final String IDP_DOMAIN = "kc.org.domain";

    private final KeycloakSession session;

    Tenants(KeycloakSession session) {
        this.session = session;
    }

    Optional<OrganizationModel> bySlug(String slug) {
        return organizations().map(organizations -> organizations.getByAlias(slug)).filter(OrganizationModel::isEnabled);
    }

    /**
     * The tenant that verified the email's domain. Membership is not looked up here: before sign-in that would tell
     * whether an account exists; Keycloak's {@code organization} scope names a member's organization after it.
     */
    Optional<OrganizationModel> byVerifiedDomain(String email) {
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String domain = email.substring(at + 1).toLowerCase(Locale.ROOT);
        return organizations()
                .flatMap(organizations -> Optional.ofNullable(organizations.getByDomainName(domain)))
                .filter(OrganizationModel::isEnabled)
                .filter(tenant -> tenant.getDomains().anyMatch(d -> d.isVerified() && d.getName().equalsIgnoreCase(domain)));
    }

    /** The tenant's enabled identity provider, the one for the email's domain first; empty when users sign in with a password. */
    static Optional<IdentityProviderModel> identityProvider(OrganizationModel tenant, String email) {
        String domain = email == null ? "" : email.substring(email.lastIndexOf('@') + 1);
        return tenant.getIdentityProviders()
                .filter(IdentityProviderModel::isEnabled)
                .min(Comparator.comparing(idp -> domain.equalsIgnoreCase(idp.getConfig().get(IDP_DOMAIN)) ? 0 : 1));
    }

    private Optional<OrganizationProvider> organizations() {
        return Optional.ofNullable(session.getProvider(OrganizationProvider.class)).filter(OrganizationProvider::isEnabled);
    }
}
