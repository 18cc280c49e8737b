package io.insightledger.query.system;

import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.security.CallerAuthentication;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The workspaces a read covers: every one the caller is a member of, or the one they asked for ({@code ?workspace=})
 * among them. A workspace they are no member of does not exist for them: 404, as for an unknown id. Nobody signed in
 * reads nothing. It is a value, so that answers kept for a while ({@link RecentAnswers}) are kept per scope.
 *
 * @param workspaces the workspaces whose records the read lists
 * @param readable   every workspace of the caller's: what they may see of those records (citations, shares)
 */
public record ReadScope(List<String> workspaces, List<String> readable) {

    /** How the {@code workspace} parameter of a list read is documented. */
    public static final String WORKSPACE = """
            Only this workspace (its own records, and for meetings those shared with it): one you are a member of; \
            any other answers 404. Without it, every workspace you are a member of.""";
    /** The answer to a workspace the caller is no member of, as for one that does not exist. */
    public static final String UNKNOWN_WORKSPACE = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "No workspace is known under id payments", "instance": "/api/hypotheses"}""";

    public ReadScope {
        workspaces = workspaces.stream().sorted().toList();
        readable = readable.stream().sorted().toList();
    }

    /** The scope of the current request's caller. */
    public static ReadScope of(String requested) {
        return of(CallerAuthentication.current().map(Caller::readable).orElse(Set.of()), requested);
    }

    static ReadScope of(Collection<String> readable, String requested) {
        if (requested == null || requested.isBlank()) {
            return new ReadScope(List.copyOf(readable), List.copyOf(readable));
        }
        if (!readable.contains(requested)) {
            throw new NotFoundException("workspace", requested);
        }
        return new ReadScope(List.of(requested), List.copyOf(readable));
    }

    /** The workspaces listed, for {@code workspace_id = ANY(?)}. */
    public String[] array() {
        return workspaces.toArray(String[]::new);
    }

    /** Every workspace of the caller's, for {@code workspace_id = ANY(?)}. */
    public String[] readableArray() {
        return readable.toArray(String[]::new);
    }
}
