package dev.lanyard.benchmarks;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the jars add to a server's start on one CPU set ({@code null}: every CPU): the counted starts of each side.
 * Targets: time to ready at most 1.05× Keycloak's own, idle memory at most 50 MiB more.
 */
record StartCost(String cpuSet, List<BenchmarkServer.StartFigures> bare, List<BenchmarkServer.StartFigures> lanyard) {

    static final double READY_RATIO_TARGET = 1.05;
    static final long RSS_MIB_TARGET = 50;

    double bareReadySeconds() {
        return median(bare, figures -> figures.timeToReady().toMillis() / 1000.0);
    }

    double lanyardReadySeconds() {
        return median(lanyard, figures -> figures.timeToReady().toMillis() / 1000.0);
    }

    double bareRssMib() {
        return median(bare, figures -> figures.idleRssBytes() / 1048576.0);
    }

    double lanyardRssMib() {
        return median(lanyard, figures -> figures.idleRssBytes() / 1048576.0);
    }

    private static double median(List<BenchmarkServer.StartFigures> starts, ToDoubleFunction<BenchmarkServer.StartFigures> figure) {
        return starts.isEmpty() ? 0 : RatioEstimate.median(starts.stream().mapToDouble(figure).toArray());
    }
}
