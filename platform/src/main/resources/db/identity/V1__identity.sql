-- The identity database: who may sign in, with which role, and every change to that as an event.
-- Its own database (not the event store): secrets stay off the ledger's topic, and it has its own backup.

create table app_user (
    name          text primary key,
    role          text        not null check (role in ('VIEWER', 'CONTRIBUTOR', 'DECIDER', 'ADMIN')),
    -- null for a person who signs in only through the company's identity provider
    password_hash text,
    enabled       boolean     not null,
    email         text,
    -- the OpenID Connect subject of a person who signed in through single sign-on
    subject       text unique,
    created_at    timestamptz not null
);

create unique index app_user_email on app_user (lower(email));

create table api_token (
    id          uuid primary key,
    -- SHA-256 of the secret: a stolen copy of this table signs nobody in
    hash        bytea       not null unique,
    user_name   text        not null references app_user (name),
    name        text        not null,
    scope       text        not null check (scope in ('READ', 'READ_WRITE', 'METRICS', 'SESSION')),
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz,
    revoked_by  text
);

create index api_token_user on api_token (user_name, created_at);

-- Every change to users, roles and tokens, with who made it and when: append only.
create table identity_event (
    sequence       bigserial primary key,
    user_name      text        not null,
    type           text        not null,
    revision       int         not null,
    payload        jsonb       not null,
    actor          text        not null,
    occurred_at    timestamptz not null,
    correlation_id text
);

create index identity_event_user on identity_event (user_name, sequence);
create index identity_event_time on identity_event (occurred_at);

create function identity_event_is_history() returns trigger language plpgsql as $$
begin
    raise exception 'identity_event is append only: history is never changed';
end $$;

create trigger identity_event_append_only before update or delete on identity_event
    for each row execute function identity_event_is_history();

create trigger identity_event_never_emptied before truncate on identity_event
    for each statement execute function identity_event_is_history();
