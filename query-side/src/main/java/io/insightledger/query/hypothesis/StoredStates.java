package io.insightledger.query.hypothesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;

/** Reads the fold's result as the board stores it ({@code hypothesis_board.state}). */
@Component
public class StoredStates {

    /** The projection that stores them, for views elsewhere that depend on it. */
    public static final String PROJECTION = HypothesisProjection.NAME;

    private final ObjectMapper json;

    StoredStates(ObjectMapper json) {
        this.json = json;
    }

    public HypothesisState read(String state) {
        try {
            return json.readValue(state, HypothesisState.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
