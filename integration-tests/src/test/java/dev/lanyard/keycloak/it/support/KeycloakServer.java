package dev.lanyard.keycloak.it.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** One Keycloak with the Lanyard jars installed and realm-config imported, however it is run. */
public interface KeycloakServer extends AutoCloseable {

    String ADMIN_USERNAME = "admin";
    String ADMIN_PASSWORD = "admin";

    /** The branding the test server runs with: the default of realms whose admins set none. */
    String PRODUCT_NAME = "Lanyard Test";
    String PRIMARY_COLOR = "#6a1b9a";
    /** An inline logo, so that no web server is needed for it. */
    String LOGO_URL = "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(
            ("<svg xmlns='http://www.w3.org/2000/svg' width='96' height='32'><rect width='96' height='32' rx='6' fill='"
                    + PRIMARY_COLOR + "'/><text x='48' y='22' font-size='16' text-anchor='middle' fill='#fff'>ACME</text></svg>")
                    .getBytes(StandardCharsets.UTF_8));
    Map<String, String> BRANDING = Map.of("LANYARD_PRODUCT_NAME", PRODUCT_NAME,
            "LANYARD_PRIMARY_COLOR", PRIMARY_COLOR, "LANYARD_LOGO_URL", LOGO_URL);

    /** Starts the server and returns once it is ready; {@code smtpPort} is GreenMail's port on this machine. */
    void start(ServerInputs inputs, int smtpPort) throws Exception;

    /** The server's root URL, e.g. {@code http://127.0.0.1:41234}. */
    URI baseUri();

    /** The management interface (health, {@code /metrics}), where the test can reach it. */
    default Optional<URI> managementUri() {
        return Optional.empty();
    }

    @Override
    void close();
}
