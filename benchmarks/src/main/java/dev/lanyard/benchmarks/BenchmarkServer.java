package dev.lanyard.benchmarks;

import dev.lanyard.keycloak.it.support.KeycloakServer;
import dev.lanyard.keycloak.it.support.ServerProcesses;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keycloak from the Maven Central distribution in production mode: {@code kc.sh build}, then
 * {@code kc.sh start --optimized} on free loopback ports, with or without the Lanyard jars.
 */
final class BenchmarkServer implements AutoCloseable {

    /** What a start costs: the time from launch to {@code /health/ready}, and the resident memory once idle. */
    record StartFigures(Duration timeToReady, long idleRssBytes) {
    }

    /** Linux's USER_HZ, the unit of {@code /proc/<pid>/stat}'s CPU times, on every architecture it runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final BenchmarkSettings settings;
    private final boolean withLanyard;
    private final Path log;
    private Process process;
    private URI baseUri;

    BenchmarkServer(BenchmarkSettings settings, boolean withLanyard) {
        this.settings = settings;
        this.withLanyard = withLanyard;
        this.log = settings.workDir().resolve(withLanyard ? "keycloak-lanyard.log" : "keycloak-bare.log");
    }

    /**
     * Builds and starts the server, on the CPUs {@code cpuSet} names ({@code taskset -c}) or on all where it is null;
     * returns once it is ready and has idled for the settle time.
     */
    StartFigures start(int smtpPort, String cpuSet) throws Exception {
        Path dist = settings.distDir();
        Files.createDirectories(settings.workDir());
        ServerProcesses.deleteTree(dist.resolve("data/h2"));
        installJars(dist.resolve("providers"));
        run(List.of("build", "--db=" + (settings.database().isPostgres() ? "postgres" : "dev-file"),
                "--health-enabled=true", "--metrics-enabled=true"), Path.of(log + ".build"));

        int httpPort = ServerProcesses.freePort();
        int managementPort = ServerProcesses.freePort();
        baseUri = URI.create("http://127.0.0.1:" + httpPort);
        List<String> start = new ArrayList<>(List.of("start", "--optimized",
                // The public address, as in production: Lanyard mails links only where one is configured.
                "--http-enabled=true", "--hostname=http://127.0.0.1:" + httpPort,
                "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort));
        if (settings.database().isPostgres()) {
            start.addAll(List.of("--db-url=" + settings.database().url(), "--db-username=" + settings.database().username(),
                    "--db-password=" + settings.database().password()));
        }
        long launched = System.nanoTime();
        process = launch(start, log, Map.of("LANYARD_SMTP_PORT", Integer.toString(smtpPort),
                "JAVA_OPTS_APPEND", settings.serverJavaOptions()), cpuSet);
        ServerProcesses.awaitReady(process, URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), log);
        Duration ready = Duration.ofNanos(System.nanoTime() - launched);
        Thread.sleep(settings.settle().toMillis());
        return new StartFigures(ready, residentBytes());
    }

    URI baseUri() {
        return baseUri;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() {
        ServerProcesses.stop(process);
    }

    private void installJars(Path providers) throws IOException {
        try (Stream<Path> installed = Files.list(providers)) {
            for (Path jar : installed.filter(p -> p.getFileName().toString().startsWith("lanyard-")).toList()) {
                Files.delete(jar);
            }
        }
        if (!withLanyard) {
            return;
        }
        try (Stream<Path> jars = Files.list(settings.jarsDir())) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()) {
                Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void run(List<String> arguments, Path output) throws Exception {
        Process build = launch(arguments, output, Map.of(), null);
        if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh " + arguments + " failed; see " + output);
        }
    }

    private Process launch(List<String> arguments, Path output, Map<String, String> extraEnv, String cpuSet) throws IOException {
        List<String> command = new ArrayList<>();
        if (cpuSet != null) {
            // kc.sh runs Java in its place or as its child: both inherit the CPU set.
            command.addAll(List.of("taskset", "-c", cpuSet));
        }
        command.add(settings.distDir().resolve("bin/kc.sh").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(settings.distDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // The admin the harness's AdminApi signs in as.
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        env.putAll(extraEnv);
        return builder.start();
    }

    /**
     * The CPU time the server process and its children have used so far (user and system, from {@code /proc}): what a
     * leg cost the server, whatever else the machine did meanwhile.
     */
    Duration cpuTime() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .map(handle -> cpuTime(handle.pid()))
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static Duration cpuTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces): state is the 3rd field, utime the 14th, stime the 15th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Duration.ZERO;
        }
    }

    /** VmRSS of the server process and its children (kc.sh may run Java as a child). */
    private long residentBytes() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .mapToLong(handle -> residentBytes(handle.pid()))
                .sum();
    }

    private static long residentBytes(long pid) {
        try (Stream<String> status = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return status.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D+", "")) * 1024)
                    .findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
