package dev.lanyard.benchmarks;

import dev.lanyard.benchmarks.RatioEstimate.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RatioEstimateTest {

    @Test
    void theMedianIsThatOfTheRoundsAndTheIntervalHoldsItWithinTheirRange() {
        RatioEstimate estimate = RatioEstimate.of(new double[]{0.90, 1.10, 0.97, 1.00, 0.99, 1.02, 0.98, 1.01});
        assertEquals(0.995, estimate.median(), 1e-9);
        assertTrue(estimate.low() >= 0.90 && estimate.low() < estimate.median(), estimate.describe());
        assertTrue(estimate.high() <= 1.10 && estimate.high() > estimate.median(), estimate.describe());
        assertEquals(estimate, RatioEstimate.of(new double[]{0.90, 1.10, 0.97, 1.00, 0.99, 1.02, 0.98, 1.01}),
                "the same rounds give the same interval");
    }

    @Test
    void identicalRoundsGiveAnIntervalOfNoWidth() {
        assertEquals(new RatioEstimate(0.96, 0.96, 0.96), RatioEstimate.of(new double[]{0.96, 0.96, 0.96}));
    }

    @Test
    void aTargetIsMetOnlyWhereTheWholeIntervalMeetsItAndMissedOnlyWhereNoneOfItDoes() {
        assertEquals(Verdict.YES, new RatioEstimate(0.99, 0.96, 1.02).atLeast(0.95));
        assertEquals(Verdict.UNRESOLVED, new RatioEstimate(0.97, 0.93, 1.01).atLeast(0.95));
        assertEquals(Verdict.NO, new RatioEstimate(0.90, 0.88, 0.94).atLeast(0.95));
        assertEquals(Verdict.YES, new RatioEstimate(1.0, 0.98, 1.02).within(0.97, 1.03));
        assertEquals(Verdict.UNRESOLVED, new RatioEstimate(1.0, 0.95, 1.02).within(0.97, 1.03));
        assertEquals(Verdict.NO, new RatioEstimate(1.2, 1.15, 1.25).within(0.9, 1.1));
        assertEquals(Verdict.NO, Verdict.YES.and(Verdict.NO));
        assertEquals(Verdict.UNRESOLVED, Verdict.YES.and(Verdict.UNRESOLVED));
    }
}
