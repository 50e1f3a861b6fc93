package dev.lanyard.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * A warm-up of every route, then every pair, one after the other, in rounds A B B A, B A A B, ... at fixed
 * concurrency (a closed model: each virtual user sends one request, and a new one takes its place). Within a round
 * each side runs before and after the other, so the machine's drift during the round, and whatever favours a leg's
 * place, falls on both sides alike; the ratio of each round is one sample, and the table reports their median and
 * interval. The two cases of an enumeration pair are interleaved instead, each request A or B at random in the same
 * legs, as an attacker's probes would meet the server: what differs then is only the request itself. Connections are
 * shared and kept alive, as a service calling Keycloak does. After every leg, the mail backlog it left on the server
 * is sent before the next leg starts.
 */
public class RoutePairsSimulation extends Simulation {

    /** How long the SMTP stub must have been quiet before the next leg starts. */
    private static final Duration QUIET = Duration.ofMillis(500);

    /** The round number of the warm-up legs, which the table does not count. */
    private static final int WARM_UP = 0;

    /** Scenario names must be unique in a simulation. */
    private final AtomicInteger legs = new AtomicInteger();
    /** The server's CPU time when the last leg ended: legs run one at a time, so the next one's cost is the difference. */
    private final AtomicReference<Duration> serverCpuAtLastLeg = new AtomicReference<>(plan.serverCpu().get());

    /** Gatling makes the simulation itself, so the run hands over what it prepared here. */
    static volatile Plan plan;

    /** What one run measures, with what. */
    record Plan(BenchmarkSettings settings, BenchmarkRealm realm, SmtpStub smtp, List<RoutePair> pairs, LegRecorder recorder,
                Supplier<Duration> serverCpu) {
    }

    static String requestName(RoutePair pair, RoutePair.Leg leg) {
        return pair.id() + (leg == pair.a() ? "A " : "B ") + leg.label();
    }

    public RoutePairsSimulation() {
        BenchmarkSettings settings = plan.settings();
        HttpProtocolBuilder protocol = http.baseUrl(plan.realm().baseUri().toString())
                .shareConnections()
                .disableFollowRedirect()
                .disableCaching()
                .userAgentHeader("lanyard-benchmark");
        List<PopulationBuilder> sequence = new ArrayList<>();
        // Every route is warmed up (JIT, caches) before the first measured leg, so the first pair is not the coldest.
        for (RoutePair pair : plan.pairs()) {
            for (List<RoutePair.Leg> sides : legsOf(pair)) {
                sequence.addAll(leg(pair, sides, WARM_UP, settings.warmup()));
            }
        }
        for (RoutePair pair : plan.pairs()) {
            for (int round = 1; round <= settings.rounds(); round++) {
                List<List<RoutePair.Leg>> half = new ArrayList<>(legsOf(pair));
                if (round % 2 == 0) {
                    Collections.reverse(half);
                }
                List<List<RoutePair.Leg>> order = new ArrayList<>(half);
                Collections.reverse(half);
                order.addAll(half);
                for (List<RoutePair.Leg> sides : order) {
                    sequence.addAll(leg(pair, sides, round, settings.legDuration()));
                }
            }
        }
        setUp(sequence(sequence)).protocols(protocol);
    }

    /** The first half of a round: A then B, or for an enumeration pair one leg of A and B interleaved. */
    private static List<List<RoutePair.Leg>> legsOf(RoutePair pair) {
        List<RoutePair.Leg> both = List.of(pair.a(), pair.b());
        return pair.target().interleaved() ? List.of(both) : List.of(List.of(pair.a()), List.of(pair.b()));
    }

    /**
     * One leg of round {@code round} ({@link #WARM_UP} for the warm-up): the virtual users run for {@code duration},
     * each sending the request of one of {@code sides} (picked at random when there are two); then one user waits
     * until the mail backlog the leg left on the server is sent.
     */
    private List<PopulationBuilder> leg(RoutePair pair, List<RoutePair.Leg> sides, int round, Duration duration) {
        SmtpStub smtp = plan.smtp();
        RoutePair.Leg first = sides.get(0);
        String prefix = round == WARM_UP ? "warm-up " : "";
        String scenarioName = prefix + (sides.size() == 1 ? requestName(pair, first) : pair.id() + " A/B interleaved")
                + (round == WARM_UP ? "" : " #" + round) + " (" + legs.incrementAndGet() + ")";
        ScenarioBuilder users = scenario(scenarioName).exec(session -> {
            smtp.greetAfter(first.smtpGreeting());
            return session;
        });
        users = sides.size() == 1
                ? users.exec(recorded(prefix + requestName(pair, first), first, round))
                : users.uniformRandomSwitch().on(sides.stream().map(side -> recorded(prefix + requestName(pair, side), side, round)).toList());
        PopulationBuilder load = users.injectClosed(constantConcurrentUsers(plan.settings().concurrency()).during(duration));
        PopulationBuilder settle = scenario(scenarioName + " settle")
                .exec(session -> {
                    smtp.greetAfter(Duration.ZERO);
                    return session;
                })
                .asLongAs(session -> !smtp.isIdle(QUIET)).on(pause(Duration.ofMillis(100)))
                .exec(session -> {
                    // The leg's server CPU time, its mail included; a leg of both sides cannot tell whose it was.
                    Duration now = plan.serverCpu().get();
                    Duration used = now.minus(serverCpuAtLastLeg.getAndSet(now));
                    if (round != WARM_UP && sides.size() == 1) {
                        plan.recorder().recordServerCpu(requestName(pair, first), round, used);
                    }
                    return session;
                })
                .injectOpen(atOnceUsers(1));
        return List.of(load, settle);
    }

    /** The side's request under {@code name}, and its outcome handed to the recorder under its round. */
    private static ChainBuilder recorded(String name, RoutePair.Leg side, int round) {
        LegRecorder recorder = plan.recorder();
        return exec(side.steps().apply(name)).exec(session -> {
            // A request that got no answer at all has no response time, only a failure.
            int millis = session.contains(RoutePairs.RESPONSE_TIME_KEY) ? session.getInt(RoutePairs.RESPONSE_TIME_KEY) : 0;
            recorder.record(name, round, millis, session.isFailed());
            return session;
        });
    }

    /** The legs one after the other. */
    private static PopulationBuilder sequence(List<PopulationBuilder> populations) {
        PopulationBuilder chain = populations.get(populations.size() - 1);
        for (int i = populations.size() - 2; i >= 0; i--) {
            chain = populations.get(i).andThen(chain);
        }
        return chain;
    }
}
