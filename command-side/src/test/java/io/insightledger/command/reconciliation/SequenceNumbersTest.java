package io.insightledger.command.reconciliation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceNumbersTest {

    @Test
    void keepsEachSequenceNumberOnceAndCountsTheRepeats() {
        SequenceNumbers sequences = new SequenceNumbers();
        for (long sequence : new long[]{4, 0, 1, 1, 2, 4, 4, 9}) {
            sequences.add(sequence);
        }
        assertThat(sequences.sortAndCountRepeats()).isEqualTo(3);
        assertThat(sequences.size()).isEqualTo(5);
        assertThat(new long[]{sequences.get(0), sequences.get(1), sequences.get(2), sequences.get(3),
                sequences.get(4)}).containsExactly(0, 1, 2, 4, 9);
        assertThat(sequences.contains(4)).isTrue();
        assertThat(sequences.contains(3)).isFalse();
        assertThat(sequences.contains(10)).isFalse();
    }

    @Test
    void growsPastItsFirstRoom() {
        SequenceNumbers sequences = new SequenceNumbers();
        for (long sequence = 9_999; sequence >= 0; sequence--) {
            sequences.add(sequence);
        }
        assertThat(sequences.sortAndCountRepeats()).isZero();
        assertThat(sequences.size()).isEqualTo(10_000);
        assertThat(sequences.contains(5_000)).isTrue();
    }
}
