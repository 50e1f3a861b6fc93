package dev.lanyard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The run's figures as Markdown: the machine, the server's start cost, the hash cost, then one row per pair. */
final class ResultsTable {

    /** Everything one run measured. */
    record Run(BenchmarkSettings settings, List<StartCost> starts, Duration hashCost, CpuSplit cpus, List<RoutePair> pairs, LegRecorder recorder, Path gatlingReport) {
    }

    private ResultsTable() {
    }

    static String markdown(Run run) {
        BenchmarkSettings settings = run.settings();
        StringBuilder out = new StringBuilder();
        out.append("# Lanyard benchmark: ").append(settings.mode()).append(" run\n\n");
        out.append("- When: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append('\n');
        out.append("- Machine: ").append(machine()).append('\n');
        out.append("- Server: Keycloak ").append(settings.keycloakVersion()).append(" in production mode (`kc.sh start --optimized`) on ")
                .append(settings.database().describe()).append(", one process for every pair; ").append(run.cpus().describe()).append('\n');
        out.append("- Load: Gatling, ").append(settings.concurrency()).append(" concurrent virtual users (closed model, kept-alive shared connections); first a ")
                .append(settings.warmup().toSeconds()).append(" s warm-up of every route, then per pair ").append(settings.rounds())
                .append(" round(s), A B B A then B A A B (the enumeration pairs: two legs of A and B interleaved at random), ").append(settings.legDuration().toSeconds()).append(" s a leg; logins round-robin over ")
                .append(settings.users()).append(" users\n");
        out.append("- Gatling's report: `").append(run.gatlingReport()).append("`\n\n");

        out.append("## Server start\n\n");
        out.append(String.format(Locale.ROOT, "Medians of %d start(s) of each side per CPU set, alternating%s; idle RSS %d s after ready.%n%n",
                settings.startRounds(), settings.isSmoke() ? "" : " (a first round, which reads every jar from disk, not counted)",
                settings.settle().toSeconds()));
        out.append("| | CPUs | without Lanyard | with Lanyard | with / without | target | met |\n| --- | --- | ---: | ---: | ---: | --- | --- |\n");
        for (StartCost start : run.starts()) {
            String cpus = start.cpuSet() == null ? "all" : start.cpuSet() + " (the server's, as under load)";
            double readyRatio = start.lanyardReadySeconds() / Math.max(0.001, start.bareReadySeconds());
            double extraRss = start.lanyardRssMib() - start.bareRssMib();
            out.append(String.format(Locale.ROOT, "| time to ready | %s | %.1f s | %.1f s | %.2f× | ≤ %.2f× | %s |%n", cpus,
                    start.bareReadySeconds(), start.lanyardReadySeconds(), readyRatio, StartCost.READY_RATIO_TARGET,
                    readyRatio <= StartCost.READY_RATIO_TARGET ? "yes" : "**no**"));
            out.append(String.format(Locale.ROOT, "| idle RSS | %s | %.0f MiB | %.0f MiB | %+.0f MiB | ≤ +%d MiB | %s |%n", cpus,
                    start.bareRssMib(), start.lanyardRssMib(), extraRss, StartCost.RSS_MIB_TARGET,
                    extraRss <= StartCost.RSS_MIB_TARGET ? "yes" : "**no**"));
        }
        out.append('\n');

        out.append(String.format(Locale.ROOT, "Password-hash cost of this server process: **%.1f ms** (median native password grant minus "
                + "median client-credentials grant, one at a time). Pairs 2, 6, 8b and 8c hash a password per request, 10 and 10e one per sign-in of two requests.%n%n",
                run.hashCost().toNanos() / 1e6));

        out.append("## Pairs\n\n");
        out.append("Each ratio is the median of the pair's per-round ratios, with its 95% bootstrap interval over rounds in brackets; "
                + "a target is met where the whole interval meets it, missed where none of it does, and not resolved where the interval spans it. "
                + "The req/s and millisecond figures are over all rounds. Requests per CPU-s count a side's requests per second of the "
                + "server process's CPU time (user and system, from /proc) in its own legs: throughput targets are judged on it, the "
                + "capacity of a saturated server, as the wall clock of a shared machine also counts what its neighbours took.\n\n");
        out.append("| pair | A | B | A req/s | B req/s | A/B req/s | A/B req per CPU-s | A mean / p50 / p99 ms | B mean / p50 / p99 ms | A/B mean | A/B p50 | A/B p99 | errors A / B | target | met |\n");
        out.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (RoutePair pair : run.pairs()) {
            String nameA = RoutePairsSimulation.requestName(pair, pair.a());
            String nameB = RoutePairsSimulation.requestName(pair, pair.b());
            // Each side runs two legs a round (an enumeration pair's sides share both).
            Duration roundTime = settings.legDuration().multipliedBy(2);
            RoutePair.Figures a = run.recorder().overRounds(nameA, settings.rounds(), roundTime.multipliedBy(settings.rounds()));
            RoutePair.Figures b = run.recorder().overRounds(nameB, settings.rounds(), roundTime.multipliedBy(settings.rounds()));
            RoutePair.Comparison ratios = RoutePair.Comparison.of(IntStream.rangeClosed(1, settings.rounds())
                    .mapToObj(round -> new RoutePair.Figures[]{run.recorder().ofRound(nameA, round, roundTime),
                            run.recorder().ofRound(nameB, round, roundTime)})
                    .toList());
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %s | %s | %.1f / %.0f / %.0f | %.1f / %.0f / %.0f | %s | %s | %s | %.1f%% / %.1f%% | %s | %s |%n",
                    pair.id(), pair.a().label(), pair.b().label(), a.throughput(), b.throughput(), ratios.throughput().describe(),
                    pair.target().interleaved() ? "—" : ratios.perServerCpuSecond().describe(),
                    a.mean(), a.p50(), a.p99(), b.mean(), b.p50(), b.p99(), ratios.mean().describe(), ratios.p50().describe(),
                    ratios.p99().describe(), 100 * a.errorShare(), 100 * b.errorShare(), pair.target().description,
                    pair.target().judge(ratios).description));
        }
        out.append("\nGatling measures whole milliseconds: a ratio of two small percentiles moves in steps, the mean does not.\n");
        return out.toString();
    }

    private static String machine() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
        long memoryKib = firstValue(Path.of("/proc/meminfo"), "MemTotal").map(v -> Long.parseLong(v.replaceAll("\\D+", ""))).orElse(0L);
        long cores = count(Path.of("/proc/cpuinfo"), "processor");
        return String.format(Locale.ROOT, "%s, %d cores, %d GiB RAM; %s %s; Java %s", cpu, cores,
                Math.round(memoryKib / 1024.0 / 1024.0), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"));
    }

    /** Lines of {@code file} that start with {@code key}: the machine's cores, whatever this JVM is pinned to. */
    private static long count(Path file, String key) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(key)).count();
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static Optional<String> firstValue(Path file, String key) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
