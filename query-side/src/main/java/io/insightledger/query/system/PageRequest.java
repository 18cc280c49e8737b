package io.insightledger.query.system;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** {@code ?page=0&size=20}: pages count from 0; a page holds at most 200 items. */
public record PageRequest(@Parameter(description = "Which page, from 0") @Min(0) Integer page,
                          @Parameter(description = "How many items a page holds: 20 unless given, at most 200")
                          @Min(1) @Max(200) Integer size) {

    public PageRequest {
        page = page == null ? 0 : page;
        size = size == null ? 20 : size;
    }

    public long offset() {
        return (long) page * size;
    }
}
