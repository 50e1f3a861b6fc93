package dev.lanyard.keycloak.internals;

import org.keycloak.services.cors.Cors;

import java.util.List;

/** Adapter over Keycloak's CORS headers ({@code keycloak-services}). */
public final class KeycloakCors {

    private KeycloakCors() {
    }

    /** Adds credentialed CORS headers for {@code origin} to the current response (a preflight's too). */
    public static void allow(String origin, boolean preflight, String[] methods, String... exposedHeaders) {
        Cors cors = Cors.builder()
                .auth()
                .allowedMethods(methods)
                .exposedHeaders(exposedHeaders)
                .checkAllowedOrigins(List.of(origin));
        if (preflight) {
            cors.preflight();
        }
        cors.add();
    }
}
