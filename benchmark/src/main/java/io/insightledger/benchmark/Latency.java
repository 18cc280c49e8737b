package io.insightledger.benchmark;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Latencies in microseconds, from 1 µs to 10 minutes at three significant digits. */
final class Latency {

    private final Histogram histogram = new ConcurrentHistogram(1, TimeUnit.MINUTES.toMicros(10), 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(nanos / 1000, histogram.getHighestTrackableValue())));
    }

    long count() {
        return histogram.getTotalCount();
    }

    double percentileMillis(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** p50, p95, p99 and max in milliseconds, as the report shows them. */
    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", count());
        summary.put("p50Ms", round(percentileMillis(50)));
        summary.put("p95Ms", round(percentileMillis(95)));
        summary.put("p99Ms", round(percentileMillis(99)));
        summary.put("maxMs", round(histogram.getMaxValue() / 1000.0));
        return summary;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
