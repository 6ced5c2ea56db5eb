-- Cron schedules keep their expression in time_of_day (HH:MM for daily ones): 5 characters were too
-- few. Quartz cron expressions are at most 120 characters (the API's limit).
alter table sync_schedules alter column time_of_day set data type varchar(120);

-- A bulk parent is complete when none of its children is pending or in flight: this finds an open
-- child without reading the finished ones.
create index jobs_parent_status_ix on jobs(parent_id, status);
