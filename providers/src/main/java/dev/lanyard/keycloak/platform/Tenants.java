package dev.lanyard.keycloak.platform;

import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The platform's tenants: the realm's enabled Keycloak Organizations, named by their alias (the tenant slug). */
final class Tenants {

    /** The identity-provider setting that ties a provider to one of its organization's domains. */
    private static final String IDP_DOMAIN = "kc.org.domain";

    private final KeycloakSession session;
    private final RealmModel realm;

    Tenants(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    Optional<OrganizationModel> bySlug(String slug) {
        return organizations().map(organizations -> organizations.getByAlias(slug)).filter(OrganizationModel::isEnabled);
    }

    /**
     * The tenant of an email: the organization that verified its domain, else the first (by alias) that the
     * account with this email is a member of. Empty when none matches, which the caller must not reveal.
     */
    Optional<OrganizationModel> forEmail(String email) {
        Optional<OrganizationProvider> organizations = organizations();
        int at = email.lastIndexOf('@');
        if (organizations.isEmpty() || at < 0) {
            return Optional.empty();
        }
        String domain = email.substring(at + 1).toLowerCase(Locale.ROOT);
        Optional<OrganizationModel> byDomain = Optional.ofNullable(organizations.get().getByDomainName(domain))
                .filter(OrganizationModel::isEnabled)
                .filter(tenant -> tenant.getDomains().anyMatch(d -> d.isVerified() && d.getName().equalsIgnoreCase(domain)));
        if (byDomain.isPresent()) {
            return byDomain;
        }
        UserModel user = session.users().getUserByEmail(realm, email);
        return user == null ? Optional.empty() : organizations.get().getByMember(user)
                .filter(OrganizationModel::isEnabled)
                .min(Comparator.comparing(OrganizationModel::getAlias));
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
