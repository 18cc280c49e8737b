package io.insightledger.command.system;

import io.insightledger.platform.security.Role;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.util.Map;

/** The caller's access in aggregate tests, as the command side's request interceptor would stamp it. */
public final class Members {

    /** The workspace the aggregates under test belong to. */
    public static final String WORKSPACE = "payments";

    private Members() {
    }

    /** Command metadata for a caller with these memberships, doing an operation that needs {@code needed}. */
    public static MetaData access(Map<String, Role> workspaces, Role needed) {
        return MetaData.with(WorkspaceAccess.METADATA, new WorkspaceAccess(workspaces, needed));
    }

    /**
     * Unless a test says otherwise, commands come from an ADMIN member of {@link #WORKSPACE}, so that each rule test
     * shows its own rule and not the workspace's.
     */
    public static void actAsMemberByDefault(AggregateTestFixture<?> fixture) {
        MetaData member = access(Map.of(WORKSPACE, Role.ADMIN), Role.CONTRIBUTOR);
        fixture.registerCommandDispatchInterceptor(messages -> (index, command) ->
                command.getMetaData().containsKey(WorkspaceAccess.METADATA) ? command : command.andMetaData(member));
    }
}
