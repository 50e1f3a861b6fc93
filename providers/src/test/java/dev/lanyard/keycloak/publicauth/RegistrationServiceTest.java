package dev.lanyard.keycloak.publicauth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class RegistrationServiceTest {

    @Test
    void displayNameSplitsIntoGivenAndFamilyName() {
        assertArrayEquals(new String[]{"Ada", "Lovelace"}, RegistrationService.splitName("Ada Lovelace"));
        assertArrayEquals(new String[]{"Ada", "King Lovelace"}, RegistrationService.splitName("  Ada  King Lovelace "));
        assertArrayEquals(new String[]{"Cher", null}, RegistrationService.splitName("Cher"));
        assertArrayEquals(new String[]{null, null}, RegistrationService.splitName("  "));
        assertArrayEquals(new String[]{null, null}, RegistrationService.splitName(null));
    }
}
