package io.insightledger.platform.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.events.EventMetadata;
import io.insightledger.platform.security.Role;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The identity events, appended in the transaction of the change they describe, each with the signed-in actor (or
 * {@code system}), the time and the request's correlation id.
 */
public final class IdentityHistory {

    static final int REVISION = 1;
    private static final Map<String, Class<? extends IdentityEvent>> TYPES = Arrays
            .stream(IdentityEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(Class::getSimpleName, type -> type.asSubclass(IdentityEvent.class)));

    private final IdentityDatabase database;
    private final ObjectMapper json;
    private final Clock clock;

    IdentityHistory(IdentityDatabase database, ObjectMapper json, Clock clock) {
        this.database = database;
        this.json = json;
        this.clock = clock;
    }

    /** Call inside the change's transaction. */
    Instant append(IdentityEvent event) {
        Instant now = clock.instant();
        database.jdbc().sql("""
                        insert into identity_event (user_name, workspace_id, type, revision, payload, actor, occurred_at,
                            correlation_id)
                        values (?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")
                .params(event.user(), event.workspace(), event.getClass().getSimpleName(), REVISION, write(event), actor(),
                        Timestamp.from(now), MDC.get(EventMetadata.CORRELATION_ID))
                .update();
        return now;
    }

    /** Everything that happened to the user, their memberships included. */
    public List<IdentityEvent.Recorded> of(String user) {
        return database.jdbc().sql("select * from identity_event where user_name = ? order by sequence")
                .param(user).query(this::recorded).list();
    }

    /** Everything that happened to the workspace: created, revised, members added, changed and removed. */
    public List<IdentityEvent.Recorded> ofWorkspace(String workspace) {
        return database.jdbc().sql("select * from identity_event where workspace_id = ? order by sequence")
                .param(workspace).query(this::recorded).list();
    }

    private IdentityEvent.Recorded recorded(ResultSet row, int n) throws SQLException {
        return new IdentityEvent.Recorded(row.getLong("sequence"), row.getString("type"), row.getInt("revision"),
                read(row.getString("type"), row.getString("payload")), row.getString("actor"),
                row.getTimestamp("occurred_at").toInstant(), row.getString("correlation_id"));
    }

    /** Who held which role at {@code instant}, and whether they could sign in: the answer to an auditor. */
    public List<UserAsOf> usersAt(Instant instant) {
        Map<String, UserAsOf> users = new LinkedHashMap<>();
        database.jdbc().sql("""
                        select type, payload from identity_event
                        where occurred_at <= ? and type in ('UserCreated', 'RoleChanged', 'UserDisabled', 'UserEnabled')
                        order by sequence""")
                .param(Timestamp.from(instant))
                .query((row, n) -> read(row.getString("type"), row.getString("payload")))
                .list()
                .forEach(event -> {
                    if (event instanceof IdentityEvent.UserCreated created) {
                        users.put(created.user(), new UserAsOf(created.user(), created.role(), true));
                    } else if (event instanceof IdentityEvent.RoleChanged changed) {
                        users.computeIfPresent(event.user(), (name, user) -> user.withRole(changed.to()));
                    } else {
                        boolean enabled = event instanceof IdentityEvent.UserEnabled;
                        users.computeIfPresent(event.user(), (name, user) -> user.withEnabled(enabled));
                    }
                });
        return List.copyOf(users.values());
    }

    /** Who could act in the workspace at {@code instant}, with which role: "who could decide there on 1 March?" */
    public List<MemberAsOf> membersAt(String workspace, Instant instant) {
        Map<String, Role> members = new TreeMap<>();
        database.jdbc().sql("""
                        select type, payload from identity_event
                        where workspace_id = ? and occurred_at <= ?
                            and type in ('MemberAdded', 'MemberRoleChanged', 'MemberRemoved')
                        order by sequence""")
                .params(workspace, Timestamp.from(instant))
                .query((row, n) -> read(row.getString("type"), row.getString("payload")))
                .list()
                .forEach(event -> {
                    if (event instanceof IdentityEvent.MemberAdded added) {
                        members.put(added.user(), added.role());
                    } else if (event instanceof IdentityEvent.MemberRoleChanged changed) {
                        members.put(changed.user(), changed.to());
                    } else {
                        members.remove(event.user());
                    }
                });
        return members.entrySet().stream().map(member -> new MemberAsOf(member.getKey(), member.getValue())).toList();
    }

    /** A member of a workspace as they stood at an instant in the past. */
    public record MemberAsOf(String user, Role role) {
    }

    /** A user as they stood at an instant in the past. */
    public record UserAsOf(String name, Role role, boolean enabled) {

        UserAsOf withRole(Role changed) {
            return new UserAsOf(name, changed, enabled);
        }

        UserAsOf withEnabled(boolean changed) {
            return new UserAsOf(name, role, changed);
        }
    }

    static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? "system" : authentication.getName();
    }

    private String write(IdentityEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IdentityEvent read(String type, String payload) {
        try {
            return json.readValue(payload, TYPES.get(type));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
