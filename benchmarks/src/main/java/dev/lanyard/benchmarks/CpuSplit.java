package dev.lanyard.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Gives the server and the load generator cores of their own ({@code taskset}), so that the generator's work,
 * which grows with the route's speed, does not take CPU from the server it measures. The server gets every core
 * but the first; the generator the first. On one core, or without {@code taskset}, nothing is pinned.
 */
record CpuSplit(String serverCpus, String loadCpus) {

    static CpuSplit forThisMachine() {
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 2 || !taskset("--version")) {
            return new CpuSplit(null, null);
        }
        return new CpuSplit(cores == 2 ? "1" : "1-" + (cores - 1), "0");
    }

    boolean isActive() {
        return serverCpus != null;
    }

    /** Pins every thread of {@code server} and its children, and of this JVM (Gatling). */
    void apply(ProcessHandle server) {
        if (!isActive()) {
            return;
        }
        Stream.concat(Stream.of(server), server.descendants())
                .forEach(process -> pin(process.pid(), serverCpus));
        pin(ProcessHandle.current().pid(), loadCpus);
    }

    String describe() {
        return isActive() ? "server on CPU " + serverCpus + ", load generator on CPU " + loadCpus + " (taskset)"
                : "server and load generator share the CPUs";
    }

    /** {@code taskset -a} fails when one of the process's threads ends while it walks them: it is tried again. */
    private static void pin(long pid, String cpus) {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (taskset("-a", "-p", "-c", cpus, Long.toString(pid))) {
                return;
            }
        }
        throw new IllegalStateException("taskset could not pin process " + pid + " to CPU " + cpus);
    }

    private static boolean taskset(String... arguments) {
        try {
            Process process = new ProcessBuilder(Stream.concat(Stream.of("taskset"), Stream.of(arguments)).toList())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
