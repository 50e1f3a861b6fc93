package dev.lanyard.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A ratio of A to B as the rounds of a pair measured it: the median of the per-round ratios, and its 95% bootstrap
 * interval over rounds (rounds drawn with replacement, the median of each draw, the 2.5th and 97.5th percentiles of
 * those medians). A round compares legs run next to each other, so the machine's slow drift cancels within it, and
 * the spread between rounds is what the interval shows.
 */
record RatioEstimate(double median, double low, double high) {

    private static final int DRAWS = 10_000;
    /** A fixed seed: the same figures give the same interval. */
    private static final long SEED = 17;

    static RatioEstimate of(double[] perRound) {
        if (perRound.length == 0) {
            return new RatioEstimate(0, 0, 0);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] medians = new double[DRAWS];
        double[] draw = new double[perRound.length];
        for (int i = 0; i < DRAWS; i++) {
            for (int j = 0; j < draw.length; j++) {
                draw[j] = perRound[random.nextInt(perRound.length)];
            }
            medians[i] = median(draw);
        }
        Arrays.sort(medians);
        return new RatioEstimate(median(perRound.clone()), medians[(int) (0.025 * DRAWS)], medians[(int) Math.ceil(0.975 * DRAWS) - 1]);
    }

    /** Whether the whole interval is at least {@code bound}: yes; wholly below it: no; else not resolved. */
    Verdict atLeast(double bound) {
        return low >= bound ? Verdict.YES : high < bound ? Verdict.NO : Verdict.UNRESOLVED;
    }

    Verdict atMost(double bound) {
        return high <= bound ? Verdict.YES : low > bound ? Verdict.NO : Verdict.UNRESOLVED;
    }

    Verdict within(double lowest, double highest) {
        return atLeast(lowest).and(atMost(highest));
    }

    /** "0.97 [0.94–1.00]". */
    String describe() {
        return String.format(Locale.ROOT, "%.2f [%.2f–%.2f]", median, low, high);
    }

    /** The median of {@code values} (at least one), which it sorts in place. */
    static double median(double[] values) {
        Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** A target judged on an interval: met, missed, or the interval spans its bound. */
    enum Verdict {
        YES("yes"), NO("**no**"), UNRESOLVED("not resolved: the interval spans the target");

        final String description;

        Verdict(String description) {
            this.description = description;
        }

        /** Both must hold: missed if either is, met if both are. */
        Verdict and(Verdict other) {
            return this == NO || other == NO ? NO : this == YES && other == YES ? YES : UNRESOLVED;
        }
    }
}
