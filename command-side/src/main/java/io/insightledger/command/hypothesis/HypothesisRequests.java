package io.insightledger.command.hypothesis;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the requests that change a proposed hypothesis. */
final class HypothesisRequests {

    /** Some text that is not all blanks; written so that Java and the JavaScript of clients read it alike. */
    static final String NOT_BLANK = "[\\s\\S]*\\S[\\s\\S]*";

    private HypothesisRequests() {
    }

    /** Names at least one of title, statement and success criteria; the others stay as they are. */
    record ReviseHypothesisRequest(
            @Pattern(regexp = NOT_BLANK, message = "must not be blank") @Size(max = 200) String title,
            @Pattern(regexp = NOT_BLANK, message = "must not be blank") @Size(max = 5_000) String statement,
            @Pattern(regexp = NOT_BLANK, message = "must not be blank") @Size(max = 5_000) String successCriteria,
            @NotBlank @Size(max = 2_000) String reason) {

        boolean changesSomething() {
            return title != null || statement != null || successCriteria != null;
        }
    }

    /** @param successor the new hypothesis; its parent is the pivoted one */
    record PivotRequest(@NotBlank @Size(max = 5_000) String rationale,
                        @NotNull @Valid ProposeHypothesisRequest successor) {
    }
}
