package dev.lanyard.keycloak.it.support;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.utility.MountableFile;

import java.net.URI;
import java.nio.file.Path;

/** The same server on testcontainers-keycloak, for machines with a Docker engine. */
final class ContainerKeycloakServer implements KeycloakServer {

    private KeycloakContainer container;

    @Override
    public void start(ServerInputs inputs, int smtpPort) {
        Testcontainers.exposeHostPorts(smtpPort);
        container = new KeycloakContainer("quay.io/keycloak/keycloak:" + inputs.keycloakVersion())
                .withAdminUsername(ADMIN_USERNAME)
                .withAdminPassword(ADMIN_PASSWORD)
                .withProviderLibsFrom(inputs.jars().stream().map(Path::toFile).toList())
                .withFeaturesEnabled("declarative-ui")
                .withEnv("LANYARD_SMTP_HOST", "host.testcontainers.internal")
                .withEnv("LANYARD_SMTP_PORT", Integer.toString(smtpPort))
                .withEnv(BRANDING)
                .withEnv("KC_HOSTNAME", "localhost")
                .withCustomCommand("--import-realm");
        for (Path realmFile : inputs.realmFiles()) {
            container.withCopyFileToContainer(MountableFile.forHostPath(realmFile),
                    "/opt/keycloak/data/import/" + realmFile.getFileName());
        }
        container.start();
    }

    @Override
    public URI baseUri() {
        return URI.create(container.getAuthServerUrl().replaceAll("/$", ""));
    }

    @Override
    public void close() {
        if (container != null) {
            container.stop();
        }
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
