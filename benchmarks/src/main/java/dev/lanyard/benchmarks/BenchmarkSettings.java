package dev.lanyard.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How long and how hard the benchmark runs, from system properties (the Maven profile sets them).
 *
 * @param legDuration  one measured leg (one route, one round)
 * @param rounds       rounds per pair, A B B A then B A A B alternately; each round's ratio is one sample
 * @param warmup       an unmeasured leg of each route, all before the first pair
 * @param concurrency  virtual users at once, each sending its next request when the last one answered
 * @param users        realm users; logins go round-robin over them (Keycloak's password grant fails under
 *                     concurrent logins of one user)
 * @param settle       the wait after "ready" before the idle RSS is read
 * @param startRounds  counted server starts of each side per CPU set, alternating (a full run adds a first, uncounted)
 * @param pairs        the ids of the pairs to run; empty runs all
 * @param serverJavaOptions added to the server's JVM options ({@code JAVA_OPTS_APPEND}), e.g. to record a profile
 */
record BenchmarkSettings(String mode, Duration legDuration, int rounds, Duration warmup, int concurrency, int users,
                         Duration settle, int startRounds, List<String> pairs, String serverJavaOptions, Database database, String keycloakVersion, Path distDir, Path jarsDir,
                         Path resultsDir, Path workDir) {

    /** PostgreSQL when a URL is given, else Keycloak's embedded H2 ({@code dev-file}). */
    record Database(String url, String username, String password) {

        boolean isPostgres() {
            return !url.isBlank();
        }

        String describe() {
            return isPostgres() ? "PostgreSQL (" + url + ")" : "embedded H2 (dev-file)";
        }
    }

    static BenchmarkSettings fromSystemProperties() {
        boolean smoke = "smoke".equals(System.getProperty("benchmark.mode", "full"));
        return new BenchmarkSettings(
                smoke ? "smoke" : "full",
                Duration.ofSeconds(Long.getLong("benchmark.legSeconds", smoke ? 1 : 5)),
                Integer.getInteger("benchmark.rounds", smoke ? 1 : 8),
                Duration.ofSeconds(Long.getLong("benchmark.warmupSeconds", smoke ? 1 : 5)),
                Integer.getInteger("benchmark.concurrency", smoke ? 2 : 8),
                Integer.getInteger("benchmark.users", smoke ? 8 : 200),
                Duration.ofSeconds(Long.getLong("benchmark.settleSeconds", smoke ? 1 : 10)),
                Integer.getInteger("benchmark.startRounds", smoke ? 1 : 3),
                Arrays.stream(System.getProperty("benchmark.pairs", "").split(",")).map(String::trim).filter(id -> !id.isEmpty()).toList(),
                System.getProperty("benchmark.server.javaOptions", ""),
                new Database(System.getProperty("benchmark.db.url", ""), System.getProperty("benchmark.db.username", ""),
                        System.getProperty("benchmark.db.password", "")),
                required("keycloak.version"),
                Path.of(required("keycloak.dist.dir")),
                Path.of(required("lanyard.jars.dir")),
                Path.of(required("benchmark.results.dir")),
                Path.of(required("benchmark.work.dir")));
    }

    boolean isSmoke() {
        return "smoke".equals(mode);
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run the benchmark through Maven (see docs/performance.md)");
        }
        return value;
    }
}
