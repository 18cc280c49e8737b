package io.insightledger.platform.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.events.EventMetadata;
import io.insightledger.platform.security.Role;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                        insert into identity_event (user_name, type, revision, payload, actor, occurred_at, correlation_id)
                        values (?, ?, ?, ?::jsonb, ?, ?, ?)""")
                .params(event.user(), event.getClass().getSimpleName(), REVISION, write(event), actor(),
                        Timestamp.from(now), MDC.get(EventMetadata.CORRELATION_ID))
                .update();
        return now;
    }

    public List<IdentityEvent.Recorded> of(String user) {
        return database.jdbc().sql("select * from identity_event where user_name = ? order by sequence")
                .param(user).query((row, n) -> new IdentityEvent.Recorded(row.getLong("sequence"),
                        row.getString("type"), row.getInt("revision"), read(row.getString("type"),
                        row.getString("payload")), row.getString("actor"),
                        row.getTimestamp("occurred_at").toInstant(), row.getString("correlation_id")))
                .list();
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
