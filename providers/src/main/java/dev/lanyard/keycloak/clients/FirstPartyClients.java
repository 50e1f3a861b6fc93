package dev.lanyard.keycloak.clients;

import org.keycloak.models.ClientModel;

/**
 * First-party clients: the realm admin's own apps, whose web origins the API trusts with credentialed CORS
 * and cookie-authenticated writes. A client is first-party when its attribute {@code lanyard.firstParty} is
 * {@code true} and it carries no registration access token: a client created (or updatable) through dynamic
 * client registration is never first-party, whatever attributes its registrant sent. A disabled client is not
 * first-party either: switching an app off withdraws the trust in its origins.
 */
public final class FirstPartyClients {

    public static final String ATTRIBUTE = "lanyard.firstParty";

    private FirstPartyClients() {
    }

    public static boolean isFirstParty(ClientModel client) {
        return client.isEnabled() && isFirstParty(client.getAttribute(ATTRIBUTE), client.getRegistrationToken());
    }

    static boolean isFirstParty(String attribute, String registrationToken) {
        return "true".equals(attribute) && (registrationToken == null || registrationToken.isEmpty());
    }
}
