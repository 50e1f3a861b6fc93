package dev.lanyard.keycloak.platform;

import org.keycloak.models.ClientModel;
import org.keycloak.models.OrganizationModel;

/**
 * Which clients the platform front serves (ARCHITECTURE §7): a GLOBAL app (client attribute
 * {@code lanyard.platform.scope=GLOBAL}) signs in users of any tenant; a tenant's own app (client attribute
 * {@code lanyard.platform.tenant=<organization alias>}) only users of that tenant.
 */
public final class PlatformApps {

    public static final String SCOPE_ATTRIBUTE = "lanyard.platform.scope";
    public static final String GLOBAL = "GLOBAL";
    public static final String TENANT_ATTRIBUTE = "lanyard.platform.tenant";

    private PlatformApps() {
    }

    static boolean isGlobal(ClientModel client) {
        return GLOBAL.equals(client.getAttribute(SCOPE_ATTRIBUTE));
    }

    static boolean servesTenant(ClientModel client, OrganizationModel tenant) {
        return isGlobal(client) || tenant.getAlias().equals(client.getAttribute(TENANT_ATTRIBUTE));
    }
}
