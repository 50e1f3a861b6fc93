package dev.lanyard.keycloak.magiclink;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MagicLinkSettingsTest {

    @Test
    void missingConfigMeansDefaults() {
        assertEquals(new MagicLinkSettings(600, 5, 20, 900), MagicLinkSettings.of(null));
        assertEquals(MagicLinkSettings.DEFAULTS, MagicLinkSettings.of(Map.of()));
    }

    @Test
    void configuredValuesAreRead() {
        MagicLinkSettings settings = MagicLinkSettings.of(Map.of(
                MagicLinkSettings.TTL_SECONDS, "120", MagicLinkSettings.MAX_PER_EMAIL, " 3 ",
                MagicLinkSettings.MAX_PER_IP, "7", MagicLinkSettings.WINDOW_SECONDS, "60"));
        assertEquals(new MagicLinkSettings(120, 3, 7, 60), settings);
    }

    @Test
    void nonsenseFallsBackToTheDefaultInsteadOfDisablingTheLimit() {
        MagicLinkSettings settings = MagicLinkSettings.of(Map.of(
                MagicLinkSettings.TTL_SECONDS, "soon", MagicLinkSettings.MAX_PER_EMAIL, "0",
                MagicLinkSettings.MAX_PER_IP, "-5"));
        assertEquals(MagicLinkSettings.DEFAULTS, settings);
    }
}
