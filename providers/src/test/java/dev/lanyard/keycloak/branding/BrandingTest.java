package dev.lanyard.keycloak.branding;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrandingTest {

    private static final Map<String, String> SERVER = Map.of("LANYARD_PRODUCT_NAME", "Server Name",
            "LANYARD_LOGO_URL", "https://server.example/logo.svg", "LANYARD_PRIMARY_COLOR", "#112233");

    @Test
    void theRealmsSettingWinsOverTheServersWhichStandsInForABadOne() {
        Map<String, String> realm = Map.of(Branding.PRODUCT_NAME, "Realm Name", Branding.PRIMARY_COLOR, "red; } body { display: none");
        Branding branding = Branding.of(realm::get, SERVER);
        assertEquals(new Branding("Realm Name", "https://server.example/logo.svg", "#112233"), branding);
        assertEquals(new Branding(null, null, null), Branding.of(attribute -> null, Map.of()));
    }

    @Test
    void mailsFallBackOnTheLoginPagesNameAndColourButNeverOnALogo() {
        assertEquals(new Branding("Lanyard", null, "#0066cc"), new Branding(null, null, null).withDefaults());
        Branding set = new Branding("Acme", "https://acme.example/logo.png", "purple");
        assertEquals(set, set.withDefaults());
    }

    @Test
    void theStylesheetKeepsANameInsideItsString() {
        String css = new Branding("a\"}:root{x:y} \\", null, "rgb(1, 2, 3)").stylesheet();
        assertTrue(css.contains("--lanyard-product-name: \"a\\\"}:root{x:y} \\\\\";\n"), css);
        assertTrue(css.contains("--pf-v5-global--primary-color--100: rgb(1, 2, 3);"), css);
        assertTrue(css.contains("--lanyard-primary-color: rgb(1, 2, 3);"), css);
        assertEquals(":root {\n}\n", new Branding(null, null, null).stylesheet());
    }

    @Test
    void onlyValuesOfTheirKindPass() {
        assertTrue(Branding.problem(Branding.PRIMARY_COLOR, "#6a1b9a").isEmpty());
        assertTrue(Branding.problem(Branding.PRIMARY_COLOR, "hsl(280, 70%, 35%)").isEmpty());
        assertTrue(Branding.problem(Branding.PRIMARY_COLOR, "purple").isEmpty());
        assertFalse(Branding.problem(Branding.PRIMARY_COLOR, "url(https://evil.example/x)").isEmpty());
        assertFalse(Branding.problem(Branding.PRIMARY_COLOR, "red;}").isEmpty());
        assertTrue(Branding.problem(Branding.LOGO_URL, "data:image/png;base64,AAAA==").isEmpty());
        assertFalse(Branding.problem(Branding.LOGO_URL, "javascript:alert(1)").isEmpty());
        assertFalse(Branding.problem(Branding.PRODUCT_NAME, "two\nlines").isEmpty());
        assertFalse(Branding.problem(Branding.PRODUCT_NAME, "x".repeat(81)).isEmpty());
    }
}
