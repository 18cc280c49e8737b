package io.insightledger.query.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandlerErrorTest {

    /** A processor stops for good on an error: a projection's own becomes an exception, which it retries. */
    @Test
    void aHandlersOwnErrorBecomesAnExceptionTheJvmsStaysAnError() {
        assertThatThrownBy(() -> HandlerError.asException(() -> {
            throw new AssertionError("the driver's assert false");
        })).isInstanceOf(RuntimeException.class).hasCauseInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> HandlerError.asException((Runnable) () -> {
            throw new NoClassDefFoundError("io/insightledger/Gone");
        })).isInstanceOf(RuntimeException.class).hasCauseInstanceOf(NoClassDefFoundError.class);
        assertThatThrownBy(() -> HandlerError.asException(() -> {
            throw new StackOverflowError();
        })).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> HandlerError.asException(() -> {
            throw new OutOfMemoryError("heap");
        })).isInstanceOf(OutOfMemoryError.class);
    }
}
