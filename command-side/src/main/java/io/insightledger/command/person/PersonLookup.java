package io.insightledger.command.person;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The people meetings named, without their personal data: where each belongs, and whether they were erased. */
public interface PersonLookup {

    /** Person ids are UUIDs: an id says nothing about the person (docs/privacy.md). */
    String ID_RULE = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    String ID_RULE_MESSAGE = "must be a person's id, a UUID";

    Optional<KnownPerson> find(String personId);

    /** The workspaces whose meetings named anyone. */
    List<String> workspacesWithPeople();

    /** Who in {@code workspaceId} was last named in a meeting that took place before {@code cutoff}, not erased. */
    List<String> notSeenSince(String workspaceId, Instant cutoff);

    record KnownPerson(String personId, String workspaceId, Instant lastSeenAt, Instant erasedAt) {

        public boolean erased() {
            return erasedAt != null;
        }
    }
}
