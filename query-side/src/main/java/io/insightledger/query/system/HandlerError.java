package io.insightledger.query.system;

import java.util.concurrent.Callable;

/**
 * An error of a projection's own code (an assertion, a class that will not load, a recursion too deep), carried as an
 * exception: Axon's processor retries a batch that threw an exception, but stops for good on an error, and a stopped
 * projection is a wedged one. The JVM's own failures (out of memory) stay errors.
 */
final class HandlerError extends RuntimeException {

    private HandlerError(Error cause) {
        super(cause.toString(), cause);
    }

    static <T> T asException(Callable<T> code) throws Exception {
        try {
            return code.call();
        } catch (Error e) {
            throw carried(e);
        }
    }

    static void asException(Runnable code) {
        try {
            code.run();
        } catch (Error e) {
            throw carried(e);
        }
    }

    private static HandlerError carried(Error error) {
        if (error instanceof VirtualMachineError && !(error instanceof StackOverflowError)) {
            throw error;
        }
        return new HandlerError(error);
    }
}
