package dev.lanyard.keycloak.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keycloak from the Maven Central distribution, unpacked into {@code target/} by the build: our jars go to
 * {@code providers/}, realm-config to {@code data/import}, and it runs {@code start-dev} on free loopback ports, on
 * its embedded H2 or, when the build sets {@code kc.db.url}, on that PostgreSQL database (which must start empty).
 */
final class DistributionKeycloakServer implements KeycloakServer {

    private Process process;
    private URI baseUri;
    private URI managementUri;

    @Override
    public void start(ServerInputs inputs, int smtpPort) throws Exception {
        Path dist = inputs.distDir();
        resetState(dist);
        install(inputs.jars(), dist.resolve("providers"));
        install(inputs.realmFiles(), dist.resolve("data/import"));

        int httpPort = ServerProcesses.freePort();
        int managementPort = ServerProcesses.freePort();
        baseUri = URI.create("http://127.0.0.1:" + httpPort);
        managementUri = URI.create("http://127.0.0.1:" + managementPort);

        List<String> command = new ArrayList<>(List.of(
                dist.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                // The public name, as every deployment should set it: mailed links name it whatever Host a request says.
                // A plain name (no port): the bare-path test reaches the same server through the proxy's port.
                "--hostname=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--metrics-enabled=true",
                // The admin console's extension points, where Lanyard's settings show (console package).
                "--features=declarative-ui",
                // As behind the compose proxy (deploy/proxy.conf.template), which the bare-path test runs in front.
                "--proxy-headers=xforwarded",
                "--import-realm"));
        String dbUrl = System.getProperty("kc.db.url", "");
        if (!dbUrl.isBlank()) {
            command.addAll(List.of("--db=postgres", "--db-url=" + dbUrl,
                    "--db-username=" + System.getProperty("kc.db.username", ""),
                    "--db-password=" + System.getProperty("kc.db.password", "")));
        }
        Files.createDirectories(inputs.logFile().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dist.toFile())
                .redirectErrorStream(true)
                .redirectOutput(inputs.logFile().toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("LANYARD_SMTP_HOST", "127.0.0.1");
        env.put("LANYARD_SMTP_PORT", Integer.toString(smtpPort));
        env.putAll(BRANDING);
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));

        try {
            ServerProcesses.awaitReady(process, URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), inputs.logFile());
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public Optional<URI> managementUri() {
        return Optional.ofNullable(managementUri);
    }

    @Override
    public void close() {
        ServerProcesses.stop(process);
    }

    /** The dev-file database and earlier imports go, so every run starts from realm-config. */
    private static void resetState(Path dist) throws IOException {
        ServerProcesses.deleteTree(dist.resolve("data/h2"));
        ServerProcesses.deleteTree(dist.resolve("data/import"));
        try (Stream<Path> providers = Files.list(dist.resolve("providers"))) {
            for (Path jar : providers.filter(p -> p.getFileName().toString().startsWith("lanyard-")).toList()) {
                Files.delete(jar);
            }
        }
    }

    private static void install(List<Path> files, Path targetDir) throws IOException {
        Files.createDirectories(targetDir);
        for (Path file : files) {
            Files.copy(file, targetDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
