package dev.lanyard.keycloak.clients;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirstPartyClientsTest {

    @Test
    void onlyTheAttributeTrueMakesAClientFirstParty() {
        assertTrue(FirstPartyClients.isFirstParty("true", null));
        assertTrue(FirstPartyClients.isFirstParty("true", ""));
        assertFalse(FirstPartyClients.isFirstParty(null, null), "no attribute: not first-party");
        assertFalse(FirstPartyClients.isFirstParty("false", null));
        assertFalse(FirstPartyClients.isFirstParty("TRUE", null), "the value is exactly true");
        assertFalse(FirstPartyClients.isFirstParty(" true", null));
        assertFalse(FirstPartyClients.isFirstParty("yes", null));
    }

    @Test
    void aClientWithARegistrationAccessTokenIsNeverFirstParty() {
        assertFalse(FirstPartyClients.isFirstParty("true", "c0ffee-registration-token-id"),
                "dynamic registration may set any attribute; its clients are never first-party");
    }
}
