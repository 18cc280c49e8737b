package io.insightledger.command.system;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link RuleViolationException} of the named rule, for AggregateTestFixture's expectException. */
public final class Violates extends TypeSafeMatcher<RuleViolationException> {

    private final String rule;

    private Violates(String rule) {
        this.rule = rule;
    }

    public static Matcher<RuleViolationException> rule(String rule) {
        return new Violates(rule);
    }

    @Override
    protected boolean matchesSafely(RuleViolationException violation) {
        return violation.rule().equals(rule);
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a violation of rule ").appendValue(rule);
    }

    @Override
    protected void describeMismatchSafely(RuleViolationException violation, Description description) {
        description.appendText("violated ").appendValue(violation.rule()).appendText(": ")
                .appendText(violation.getMessage());
    }
}
