package dev.lanyard.keycloak.internals;

import org.keycloak.services.cors.Cors;

import java.lang.reflect.Method;
import java.util.List;

/** Adapter over Keycloak's CORS headers ({@code keycloak-services}). */
public final class KeycloakCors {

    /** {@code checkAllowedOrigins(List)} since Keycloak 26.5, {@code allowedOrigins(String...)} before. */
    private static final Method ALLOWED_ORIGINS = KeycloakSignatures.method(Cors.class, "checkAllowedOrigins", List.class)
            .orElseGet(() -> KeycloakSignatures.method(Cors.class, "allowedOrigins", String[].class).orElseThrow());

    private KeycloakCors() {
    }

    /** Adds credentialed CORS headers for {@code origin} to the current response (a preflight's too). */
    public static void allow(String origin, boolean preflight, String[] methods, String... exposedHeaders) {
        Cors cors = Cors.builder()
                .auth()
                .allowedMethods(methods)
                .exposedHeaders(exposedHeaders);
        Object origins = ALLOWED_ORIGINS.getParameterTypes()[0] == List.class ? List.of(origin) : new String[] {origin};
        cors = (Cors) KeycloakSignatures.invoke(cors, ALLOWED_ORIGINS, origins);
        if (preflight) {
            cors.preflight();
        }
        cors.add();
    }
}
