package io.insightledger.command.reconciliation;

import java.util.Arrays;

/**
 * One aggregate's sequence numbers, in a growing array of longs: a million events take 8 MB, where a set of boxed
 * values or of "aggregate:sequence" strings would take ten times as much.
 */
final class SequenceNumbers {

    private long[] values = new long[4];
    private int size;

    void add(long sequenceNumber) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = sequenceNumber;
    }

    /**
     * Sorts them and keeps each once; before {@link #contains}.
     *
     * @return how many were there more than once
     */
    int sortAndCountRepeats() {
        Arrays.sort(values, 0, size);
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (distinct == 0 || values[i] != values[distinct - 1]) {
                values[distinct++] = values[i];
            }
        }
        int repeats = size - distinct;
        size = distinct;
        return repeats;
    }

    boolean contains(long sequenceNumber) {
        return Arrays.binarySearch(values, 0, size, sequenceNumber) >= 0;
    }

    long get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }
}
