package dev.lanyard.keycloak.pin;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PinSettingsTest {

    private final PinSettings defaults = PinSettings.DEFAULTS;

    @Test
    void repeatedAndSequentialPinsAreTrivial() {
        for (String pin : new String[]{"0000", "1111", "1234", "23456", "9876", "3210", "12345678"}) {
            assertTrue(PinSettings.isTrivial(pin), pin);
            assertEquals("lanyardPinTrivial", defaults.problem(pin).orElseThrow().messageKey(), pin);
        }
        for (String pin : new String[]{"4826", "1243", "1357", "90210"}) {
            assertFalse(PinSettings.isTrivial(pin), pin);
            assertTrue(defaults.problem(pin).isEmpty(), pin);
        }
    }

    @Test
    void onlyDigitsWithinTheLengthRange() {
        for (String pin : new String[]{"482", "482619573", "48a6", " 4826", "", "４８２６"}) {
            assertEquals("lanyardPinFormat", defaults.problem(pin).orElseThrow().messageKey(), pin);
        }
        assertEquals("lanyardPinFormat", defaults.problem(null).orElseThrow().messageKey());
    }

    @Test
    void configuredLengthsApplyAndMaxIsNeverBelowMin() {
        PinSettings six = PinSettings.of(Map.of(PinSettings.MIN_LENGTH, "6", PinSettings.MAX_LENGTH, "4"));
        assertEquals(6, six.minLength());
        assertEquals(6, six.maxLength());
        assertTrue(six.problem("482619").isEmpty());
        assertFalse(six.problem("4826").isEmpty());
    }
}
