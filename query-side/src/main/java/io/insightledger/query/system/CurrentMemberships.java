package io.insightledger.query.system;

import io.insightledger.platform.identity.Caller;

import java.util.Set;

/**
 * The workspaces a caller is a member of now: a change stream outlives the request that opened it, and a membership
 * given or taken away meanwhile counts for the changes sent after it.
 */
@FunctionalInterface
public interface CurrentMemberships {

    Set<String> of(Caller caller);
}
