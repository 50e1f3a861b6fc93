package dev.lanyard.keycloak.it.support;

import java.net.URI;
import java.util.Optional;

/** One Keycloak with the Lanyard jars installed and realm-config imported, however it is run. */
public interface KeycloakServer extends AutoCloseable {

    String ADMIN_USERNAME = "admin";
    String ADMIN_PASSWORD = "admin";

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
