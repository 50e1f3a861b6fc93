package dev.lanyard.keycloak.it.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * Starts GreenMail and one Keycloak for the whole test run (kept in the root store, closed when the run
 * ends) and hands test methods a {@link Lanyard} to talk to it.
 */
public final class LanyardExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LanyardExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lanyard.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Environment.class, key -> Environment.start(), Environment.class)
                .lanyard;
    }

    /** The run-wide servers; JUnit closes them after the last test. */
    private static final class Environment implements ExtensionContext.Store.CloseableResource {

        private final GreenMail mail;
        private final KeycloakServer keycloak;
        private final Lanyard lanyard;

        private Environment(GreenMail mail, KeycloakServer keycloak) {
            this.mail = mail;
            this.keycloak = keycloak;
            this.lanyard = new Lanyard(keycloak.baseUri(), keycloak.managementUri().orElse(null), mail);
        }

        static Environment start() {
            GreenMail mail = new GreenMail(new ServerSetup(freePort(), "0.0.0.0", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            KeycloakServer keycloak = select(System.getProperty("kc.mode", "auto"));
            try {
                keycloak.start(ServerInputs.fromSystemProperties(), mail.getSmtp().getPort());
            } catch (Exception e) {
                keycloak.close();
                mail.stop();
                throw new IllegalStateException("Keycloak did not start", e);
            }
            return new Environment(mail, keycloak);
        }

        @Override
        public void close() {
            keycloak.close();
            mail.stop();
        }

        private static KeycloakServer select(String mode) {
            return switch (mode) {
                case "dist" -> new DistributionKeycloakServer();
                case "container" -> new ContainerKeycloakServer();
                case "auto" -> ContainerKeycloakServer.dockerAvailable()
                        ? new ContainerKeycloakServer()
                        : new DistributionKeycloakServer();
                default -> throw new IllegalArgumentException("kc.mode must be auto, dist or container, not " + mode);
            };
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
