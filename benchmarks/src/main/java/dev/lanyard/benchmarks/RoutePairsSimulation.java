package dev.lanyard.benchmarks;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * A warm-up of every route, then every pair, one after the other, in rounds A B A B at fixed concurrency (a closed
 * model: each virtual user sends one request, and a new one takes its place), so that the machine's drift
 * falls on both sides alike. Connections are shared and kept alive, as a service calling Keycloak does.
 */
public class RoutePairsSimulation extends Simulation {

    /** Gatling makes the simulation itself, so the run hands over what it prepared here. */
    static volatile Plan plan;

    /** What one run measures, with what. */
    record Plan(BenchmarkSettings settings, BenchmarkRealm realm, List<RoutePair> pairs, LegRecorder recorder) {
    }

    static String warmupName(RoutePair pair, RoutePair.Leg leg) {
        return "warm-up " + requestName(pair, leg);
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
        List<PopulationBuilder> legs = new ArrayList<>();
        // Every route is warmed up (JIT, caches) before the first measured leg, so the first pair is not the coldest.
        for (RoutePair pair : plan.pairs()) {
            for (RoutePair.Leg leg : List.of(pair.a(), pair.b())) {
                legs.add(leg(warmupName(pair, leg), warmupName(pair, leg), leg, settings.warmup(), settings.concurrency()));
            }
        }
        for (RoutePair pair : plan.pairs()) {
            for (int round = 1; round <= settings.rounds(); round++) {
                for (RoutePair.Leg leg : List.of(pair.a(), pair.b())) {
                    legs.add(leg(requestName(pair, leg) + " #" + round, requestName(pair, leg), leg, settings.legDuration(),
                            settings.concurrency()));
                }
            }
        }
        setUp(sequence(legs)).protocols(protocol);
    }

    private PopulationBuilder leg(String scenarioName, String requestName, RoutePair.Leg leg, Duration duration,
                                         int concurrency) {
        LegRecorder recorder = plan.recorder();
        return scenario(scenarioName).exec(leg.steps().apply(requestName))
                .exec(session -> {
                    // A request that got no answer at all has no response time, only a failure.
                    int millis = session.contains(RoutePairs.RESPONSE_TIME_KEY) ? session.getInt(RoutePairs.RESPONSE_TIME_KEY) : 0;
                    recorder.record(requestName, millis, session.isFailed());
                    return session;
                })
                .injectClosed(constantConcurrentUsers(concurrency).during(duration));
    }

    /** The legs one after the other. */
    private static PopulationBuilder sequence(List<PopulationBuilder> legs) {
        PopulationBuilder chain = legs.get(legs.size() - 1);
        for (int i = legs.size() - 2; i >= 0; i--) {
            chain = legs.get(i).andThen(chain);
        }
        return chain;
    }
}
