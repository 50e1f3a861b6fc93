package dev.lanyard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the build hands the harness: the Keycloak version and dist, our jars, realm-config and the log file. */
public record ServerInputs(String keycloakVersion, Path distDir, Path jarsDir, Path realmConfigDir, Path logFile) {

    public static ServerInputs fromSystemProperties() {
        return new ServerInputs(
                required("keycloak.version"),
                Path.of(required("keycloak.dist.dir")),
                Path.of(required("lanyard.jars.dir")),
                Path.of(required("lanyard.realm-config.dir")),
                Path.of(required("lanyard.log.file")));
    }

    public List<Path> jars() {
        return list(jarsDir, ".jar");
    }

    public List<Path> realmFiles() {
        return list(realmConfigDir, ".json");
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("No " + suffix + " files in " + dir);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run the tests through Maven (mvn verify)");
        }
        return value;
    }
}
