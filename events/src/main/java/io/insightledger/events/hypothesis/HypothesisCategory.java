package io.insightledger.events.hypothesis;

/** The kind of risk a hypothesis addresses. */
public enum HypothesisCategory {
    DESIRABILITY, VIABILITY, FEASIBILITY, USABILITY
}
