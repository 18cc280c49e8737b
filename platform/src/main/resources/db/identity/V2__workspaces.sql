-- Workspaces: one team's meetings, hypotheses and decisions. A user acts in a workspace with the role of their
-- membership there; their own role (app_user.role) only says whether they administer the installation (ADMIN).

create table workspace (
    id          text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    name        text        not null,
    description text        not null,
    created_at  timestamptz not null
);

create table workspace_member (
    workspace_id text        not null references workspace (id),
    user_name    text        not null references app_user (name),
    role         text        not null check (role in ('VIEWER', 'CONTRIBUTOR', 'DECIDER', 'ADMIN')),
    added_at     timestamptz not null,
    primary key (workspace_id, user_name)
);

create index workspace_member_by_user on workspace_member (user_name);

-- workspace events concern a workspace, and a user only when they are about a member
alter table identity_event alter column user_name drop not null;
alter table identity_event add column workspace_id text;
create index identity_event_workspace on identity_event (workspace_id, sequence);

-- Everything recorded before workspaces existed belongs to "default", and every user acts there as before.
insert into workspace (id, name, description, created_at)
values ('default', 'Default', 'Everything recorded before workspaces existed', now());

insert into identity_event (user_name, workspace_id, type, revision, payload, actor, occurred_at)
values (null, 'default', 'WorkspaceCreated', 1,
        jsonb_build_object('workspace', 'default', 'name', 'Default',
                           'description', 'Everything recorded before workspaces existed'),
        'system', now());

insert into workspace_member (workspace_id, user_name, role, added_at)
select 'default', name, role, now() from app_user;

insert into identity_event (user_name, workspace_id, type, revision, payload, actor, occurred_at)
select name, 'default', 'MemberAdded', 1,
       jsonb_build_object('user', name, 'workspace', 'default', 'role', role), 'system', now()
from app_user order by created_at, name;
