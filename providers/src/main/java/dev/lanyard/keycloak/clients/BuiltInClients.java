package dev.lanyard.keycloak.clients;

import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;

import java.util.Set;

/**
 * Keycloak's own clients of every realm (admin console, admin CLI, account console, broker, realm management):
 * Lanyard's API never issues codes for them nor changes them; the admin console is their place.
 */
public final class BuiltInClients {

    private static final Set<String> IDS = Set.of(Constants.ADMIN_CONSOLE_CLIENT_ID, Constants.ADMIN_CLI_CLIENT_ID,
            Constants.ACCOUNT_MANAGEMENT_CLIENT_ID, Constants.ACCOUNT_CONSOLE_CLIENT_ID, Constants.BROKER_SERVICE_CLIENT_ID,
            Constants.REALM_MANAGEMENT_CLIENT_ID);

    private BuiltInClients() {
    }

    public static boolean isBuiltIn(ClientModel client) {
        return IDS.contains(client.getClientId()) || client.getClientId().endsWith("-realm");
    }
}
