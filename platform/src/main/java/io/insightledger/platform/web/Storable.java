package io.insightledger.platform.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What every part downstream of the API can store. PostgreSQL refuses a NUL character in text and in JSON, and its
 * driver turns an unpaired surrogate into '?'; its timestamps end at 4713 BC and 294276 AD, while Java's instants
 * reach a billion years either way. A value the API accepts travels for ever in the events, so anything outside these
 * rules is refused at the door, before it can wedge or corrupt a projection.
 */
public final class Storable {

    /** Text the database stores exactly as it was sent. */
    public static final String TEXT_RULE = "StorableText";
    public static final String TEXT_MESSAGE = "must not contain NUL characters or unpaired surrogates";

    /** No customer conversation of ours took place before 1900. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final String EARLIEST_RULE = "NotBefore1900";
    public static final String EARLIEST_MESSAGE = "must not be before 1900-01-01T00:00:00Z";

    /** Something that happened: recorded afterwards, with a day's allowance for time zones. */
    public static final Duration AHEAD_ALLOWANCE = Duration.ofDays(1);
    public static final String HAPPENED_RULE = "NotFarInFuture";
    public static final String HAPPENED_MESSAGE = "must not be more than a day in the future";

    /** The latest instant a query may ask about: the end of what PostgreSQL and ISO-8601 years both write alike. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    public static final String LATEST_RULE = "NotAfter9999";
    public static final String LATEST_MESSAGE = "must not be after 9999-12-31T23:59:59Z";

    private Storable() {
    }

    /** Whether the text has no NUL character and every surrogate in it is half of a pair. */
    public static boolean isStorable(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The text with every NUL and unpaired surrogate replaced by U+FFFD: for diagnostics that must be stored. */
    public static String replacingUnstorable(String text) {
        if (text == null || isStorable(text)) {
            return text;
        }
        StringBuilder storable = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                storable.append(c).append(text.charAt(++i));
            } else {
                storable.append(c == '\u0000' || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return storable.toString();
    }

    /** The rule an instant of something that happened breaks, if any: not before 1900, at most a day ahead. */
    public static Optional<ProblemResponses.FieldProblem> happened(String field, Instant value, Instant now) {
        if (value.isBefore(EARLIEST)) {
            return Optional.of(new ProblemResponses.FieldProblem(field, EARLIEST_RULE, EARLIEST_MESSAGE));
        }
        if (value.isAfter(now.plus(AHEAD_ALLOWANCE))) {
            return Optional.of(new ProblemResponses.FieldProblem(field, HAPPENED_RULE, HAPPENED_MESSAGE));
        }
        return Optional.empty();
    }

    /** Refuses, with a 400 naming the field, an instant a query may not ask about (null: nothing asked). */
    public static void requireQueryable(String field, Instant value) {
        if (value != null) {
            queried(field, value).ifPresent(problem -> {
                throw new InvalidInputException(List.of(problem));
            });
        }
    }

    /** The rule an instant a query asks about breaks, if any: from 1900 to the end of year 9999. */
    public static Optional<ProblemResponses.FieldProblem> queried(String field, Instant value) {
        if (value.isBefore(EARLIEST)) {
            return Optional.of(new ProblemResponses.FieldProblem(field, EARLIEST_RULE, EARLIEST_MESSAGE));
        }
        if (value.isAfter(LATEST)) {
            return Optional.of(new ProblemResponses.FieldProblem(field, LATEST_RULE, LATEST_MESSAGE));
        }
        return Optional.empty();
    }
}
