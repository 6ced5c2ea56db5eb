-- Fewer B-trees on the inbound hot path. H2 keeps each table's rows in one tree and every index in a tree
-- of its own, gives each foreign key an index of its own (it does not share a composite one), and a commit
-- rewrites each changed tree's leaf and the path to its root. A queue batch of notes wrote six ledger trees
-- (rows, the unused varchar id, the local-id key, the remote-id index, two foreign-key indexes) and four
-- comment trees.
--
-- sync_ledger: keyed by (ticket_id, integration_id, item_type, local_id); every lookup names the ticket, so
-- a batch's rows share the ticket's pages and the table needs nothing else. No foreign keys on the embedded
-- store: deleting a ticket or an integration deletes its ledger rows in code (TicketStore, IntegrationStore).
create table sync_ledger_v8 (
    integration_id  varchar(36) not null,
    ticket_id       varchar(36) not null,
    item_type       varchar(20) not null,
    local_id        varchar(100) not null,
    remote_id       varchar(200),
    direction       varchar(10) not null,
    content_hash    varchar(64),
    created_at      timestamp with time zone not null,
    constraint sync_ledger_pk primary key (ticket_id, integration_id, item_type, local_id)
);
insert into sync_ledger_v8 (integration_id, ticket_id, item_type, local_id, remote_id, direction, content_hash,
                            created_at)
    select integration_id, ticket_id, item_type, local_id, remote_id, direction, content_hash, created_at
    from sync_ledger;
drop table sync_ledger;
alter table sync_ledger_v8 rename to sync_ledger;

-- comments: the foreign key's own index on ticket_id already finds a ticket's comments (sorted after)
drop index comments_ticket_ix;
