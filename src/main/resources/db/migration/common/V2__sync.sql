-- Two-way sync with service desks: conflicts, per-integration field mappings and templates,
-- sync schedules and per-integration sync state (pull cursors).

create table conflicts (
    id              varchar(36) primary key,
    space_id        varchar(36) not null,
    integration_id  varchar(36) not null references integrations(id) on delete cascade,
    ticket_id       varchar(36) not null references tickets(id) on delete cascade,
    field_name      varchar(100) not null,
    base_value      varchar(100000),
    local_value     varchar(100000),
    remote_value    varchar(100000),
    status          varchar(20) not null,
    resolution      varchar(20),
    resolved_value  varchar(100000),
    created_at      timestamp with time zone not null,
    resolved_at     timestamp with time zone
);
create index conflicts_integration_ix on conflicts(integration_id, status);
create index conflicts_ticket_ix on conflicts(ticket_id, field_name, status);

create table field_mappings (
    id              varchar(36) primary key,
    integration_id  varchar(36) not null references integrations(id) on delete cascade,
    local_field     varchar(100) not null,
    remote_field    varchar(200) not null,
    created_at      timestamp with time zone not null
);
create unique index field_mappings_ux on field_mappings(integration_id, local_field);

create table templates (
    id              varchar(36) primary key,
    integration_id  varchar(36) not null references integrations(id) on delete cascade,
    name            varchar(200) not null,
    body            varchar(100000) not null,
    is_default      boolean not null,
    created_at      timestamp with time zone not null
);
create unique index templates_ux on templates(integration_id, name);

create table sync_schedules (
    id               varchar(36) primary key,
    integration_id   varchar(36) not null references integrations(id) on delete cascade,
    mode             varchar(20) not null,
    interval_minutes integer,
    minute_of_hour   integer,
    time_of_day      varchar(5),
    time_zone        varchar(64),
    enabled          boolean not null,
    last_run_at      timestamp with time zone,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create unique index sync_schedules_ux on sync_schedules(integration_id);

create table integration_state (
    integration_id  varchar(36) not null references integrations(id) on delete cascade,
    name            varchar(100) not null,
    state_value     varchar(4000),
    updated_at      timestamp with time zone not null,
    primary key (integration_id, name)
);
