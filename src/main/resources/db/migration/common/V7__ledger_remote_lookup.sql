-- The ledger's remote-id index leads with remote_id, so a bulk "which of these remote ids crossed
-- already" (remote_id in (...)) is an index lookup per id on H2 and PostgreSQL alike; the single-id
-- lookups (equality on all three columns) use it as before.
drop index sync_ledger_remote_ix;
create index sync_ledger_remote_ix on sync_ledger(remote_id, integration_id, item_type);
