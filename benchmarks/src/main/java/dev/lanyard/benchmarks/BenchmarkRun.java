package dev.lanyard.benchmarks;

import io.gatling.app.Gatling$;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark, start to end: Keycloak without the jars (time to ready, idle memory), then with them; the realm;
 * the Gatling run of every pair against that one server process; that process's password-hash cost; the table.
 * A full run writes {@code benchmarks/results/latest.md}; a smoke run writes {@code target/benchmark/smoke.md} and
 * fails when any request did.
 */
public final class BenchmarkRun {

    private BenchmarkRun() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        CpuSplit cpus = CpuSplit.forThisMachine();
        try (SmtpStub smtp = new SmtpStub()) {
            List<StartCost> starts = new ArrayList<>();
            if (cpus.isActive()) {
                starts.add(startCost(settings, smtp, cpus.serverCpus()));
            }
            if (!cpus.isActive() || !settings.isSmoke()) {
                starts.add(startCost(settings, smtp, null));
            }
            try (BenchmarkServer server = new BenchmarkServer(settings, true)) {
                System.out.println("Starting Keycloak with Lanyard for the load...");
                server.start(smtp.port(), null);
                System.out.println("Creating the realm and " + settings.users() + " users...");
                BenchmarkRealm realm = BenchmarkRealm.create(server.baseUri(), smtp.port(), settings.users());
                List<RoutePair> pairs = RoutePairs.all(realm).stream()
                        .filter(pair -> settings.pairs().isEmpty() || settings.pairs().contains(pair.id()))
                        .toList();
                LegRecorder recorder = new LegRecorder();
                cpus.apply(server.handle());
                RoutePairsSimulation.plan = new RoutePairsSimulation.Plan(settings, realm, smtp, pairs, recorder, server::cpuTime);

                System.out.println("Running " + pairs.size() + " pairs...");
                Path gatlingResults = settings.workDir().resolve("gatling");
                int gatlingStatus = Gatling$.MODULE$.fromArgs(new String[]{
                        "-s", RoutePairsSimulation.class.getName(),
                        "-rf", gatlingResults.toString(),
                        "-rd", settings.mode() + " run"});
                Duration hashCost = realm.passwordHashCost(settings.isSmoke() ? 3 : 31);

                String table = ResultsTable.markdown(new ResultsTable.Run(settings, starts, hashCost, cpus, pairs, recorder,
                        newestReport(gatlingResults).resolve("index.html")));
                Path output = settings.isSmoke() ? settings.workDir().resolve("smoke.md") : settings.resultsDir().resolve("latest.md");
                Files.createDirectories(output.getParent());
                Files.writeString(output, table);
                System.out.println(table);
                System.out.println("Written to " + output);

                if (gatlingStatus != 0 || (settings.isSmoke() && recorder.failedRequests() > 0)) {
                    System.err.println("The benchmark failed: Gatling status " + gatlingStatus + ", "
                            + recorder.failedRequests() + " failed requests (see Gatling's report)");
                    System.exit(1);
                }
            }
        }
    }

    /**
     * Time to ready and idle memory without and with the jars, on {@code cpuSet} (null: every CPU): starts alternate,
     * without first in odd rounds and with first in even ones, and a full run's first round (which reads every jar
     * from disk) is not counted.
     */
    private static StartCost startCost(BenchmarkSettings settings, SmtpStub smtp, String cpuSet) throws Exception {
        List<BenchmarkServer.StartFigures> bare = new ArrayList<>();
        List<BenchmarkServer.StartFigures> lanyard = new ArrayList<>();
        for (int round = settings.isSmoke() ? 1 : 0; round <= settings.startRounds(); round++) {
            for (boolean withLanyard : round % 2 == 1 ? List.of(false, true) : List.of(true, false)) {
                BenchmarkServer.StartFigures figures = startAndStop(settings, withLanyard, smtp, cpuSet);
                if (round > 0) {
                    (withLanyard ? lanyard : bare).add(figures);
                }
            }
        }
        return new StartCost(cpuSet, bare, lanyard);
    }

    private static BenchmarkServer.StartFigures startAndStop(BenchmarkSettings settings, boolean withLanyard, SmtpStub smtp,
                                                             String cpuSet) throws Exception {
        try (BenchmarkServer server = new BenchmarkServer(settings, withLanyard)) {
            System.out.println("Starting Keycloak " + (withLanyard ? "with" : "without") + " Lanyard"
                    + (cpuSet == null ? "" : " on CPU " + cpuSet) + "...");
            return server.start(smtp.port(), cpuSet);
        }
    }

    private static Path newestReport(Path results) throws Exception {
        try (Stream<Path> runs = Files.list(results)) {
            return runs.filter(Files::isDirectory)
                    .max(Comparator.comparing(path -> path.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("Gatling wrote no report in " + results));
        }
    }
}
