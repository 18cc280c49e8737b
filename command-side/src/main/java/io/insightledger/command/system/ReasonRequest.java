package io.insightledger.command.system;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of a command that needs nothing but a reason: retract, withdraw, reopen. */
public record ReasonRequest(@NotBlank @Size(max = 2_000) String reason) {

    public String stripped() {
        return reason.strip();
    }
}
