package io.insightledger.query.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Nothing is known under the id asked for (yet: the projection may still be catching up). */
public class NotFoundException extends ResponseStatusException {

    public NotFoundException(String what, String id) {
        super(HttpStatus.NOT_FOUND, "No " + what + " is known under id " + id);
    }
}
