-- sync_ledger keyed by (ticket_id, integration_id, item_type, local_id), as on the embedded store (see
-- h2/V8): every lookup names the ticket. PostgreSQL keeps the foreign keys (they cost no index here); the
-- integration one is served by a scan when an integration is deleted, which is rare.
alter table sync_ledger drop constraint sync_ledger_pkey;
alter table sync_ledger drop column id;
drop index sync_ledger_local_ux;
drop index sync_ledger_remote_ix;
alter table sync_ledger add constraint sync_ledger_pk primary key (ticket_id, integration_id, item_type, local_id);
