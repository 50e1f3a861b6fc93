package dev.lanyard.keycloak.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keycloak nodes in production mode ({@code start}) on loopback, on one PostgreSQL database and clustered by
 * Keycloak's own Infinispan ({@code --cache=ispn}, its default {@code jdbc-ping} stack), with Lanyard's jars: the
 * flags of ARCHITECTURE §11. The database comes from the system property {@code lanyard.cluster.db.url} (user and
 * password {@code lanyard}) and must start empty; without it there is no cluster to test. Every node has the first
 * node's URL as its hostname, as nodes behind one load balancer share theirs: a token or link of one node is then
 * valid on every node.
 */
public final class KeycloakCluster implements AutoCloseable {

    private final List<Process> nodes = new ArrayList<>();
    private final List<URI> uris = new ArrayList<>();

    public static Optional<String> databaseUrl() {
        return Optional.ofNullable(System.getProperty("lanyard.cluster.db.url")).filter(url -> !url.isBlank());
    }

    /** Builds one distribution for the cluster, then starts {@code count} nodes, one after the other. */
    public static KeycloakCluster start(int count, int smtpPort) throws Exception {
        ServerInputs inputs = ServerInputs.fromSystemProperties();
        Path root = inputs.distDir().resolveSibling("cluster");
        ServerProcesses.deleteTree(root);
        Path built = root.resolve("node-0");
        copyTree(inputs.distDir(), built);
        for (Path jar : inputs.jars()) {
            Files.copy(jar, built.resolve("providers").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        run(built, root.resolve("build.log"), List.of("build", "--db=postgres", "--cache=ispn", "--health-enabled=true"));
        KeycloakCluster cluster = new KeycloakCluster();
        try {
            for (int i = 0; i < count; i++) {
                Path dist = root.resolve("node-" + i);
                if (i > 0) {
                    copyTree(built, dist);
                }
                cluster.startNode(dist, root.resolve("node-" + i + ".log"), smtpPort);
            }
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public URI node(int index) {
        return uris.get(index);
    }

    /** SIGKILL: the node and its JVM vanish without a shutdown. */
    public void kill(int index) throws InterruptedException {
        Process node = nodes.get(index);
        node.descendants().forEach(ProcessHandle::destroyForcibly);
        node.destroyForcibly();
        node.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        for (Process node : nodes) {
            node.descendants().forEach(ProcessHandle::destroy);
            node.destroy();
        }
        for (Process node : nodes) {
            try {
                if (!node.waitFor(30, TimeUnit.SECONDS)) {
                    node.descendants().forEach(ProcessHandle::destroyForcibly);
                    node.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startNode(Path dist, Path log, int smtpPort) throws Exception {
        int http = ServerProcesses.freePort();
        int management = ServerProcesses.freePort();
        URI hostname = uris.isEmpty() ? URI.create("http://127.0.0.1:" + http) : uris.get(0);
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--hostname=" + hostname,
                "--db-url=" + databaseUrl().orElseThrow(), "--db-username=lanyard", "--db-password=lanyard",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + http, "--http-management-port=" + management,
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + ServerProcesses.freePort())
                .directory(dist.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USERNAME);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        builder.environment().put("LANYARD_SMTP_HOST", "127.0.0.1");
        builder.environment().put("LANYARD_SMTP_PORT", Integer.toString(smtpPort));
        Process node = builder.start();
        nodes.add(node);
        uris.add(URI.create("http://127.0.0.1:" + http));
        ServerProcesses.awaitReady(node, URI.create("http://127.0.0.1:" + management + "/health/ready"), log);
    }

    private static void run(Path dist, Path log, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(dist.resolve("bin/kc.sh").toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dist.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("kc.sh " + arguments + " failed; see " + log);
        }
    }

    /** A copy of a distribution without its {@code data/} (the running server's database and imports stay behind). */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.filter(path -> !from.relativize(path).startsWith("data")).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
