-- Hot-path support: the inbox's unique key leads with dedup_key, so one IN query per queue batch
-- uses it; credential field names kept beside the sealed credentials so reading an integration
-- needs no decryption.
drop index inbox_dedup_ux;
create unique index inbox_dedup_ux on inbox(dedup_key, source);
alter table integrations add column credential_fields varchar(1000);
