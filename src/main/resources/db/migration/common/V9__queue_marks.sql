-- Where each FIFO message group of a queue stands: the last message applied (or skipped as out of scope),
-- by SentTimestamp and SequenceNumber. A message at or before the mark, in the same order the batch
-- processor applies a group in, is a redelivery and is only deleted. The group's last deduplication ids are
-- kept too, so that a copy re-sent with a used deduplication id (a new queue message, after the queue's own
-- 5-minute window) is recognised.
--
-- One row per group, updated in the transaction of the group's messages: a queue message that is applied no
-- longer needs an inbox row of its own (four B-trees written per message on the embedded store). Failed and
-- skipped messages still get their inbox records; messages without a group or a SequenceNumber too.
create table queue_marks (
    source          varchar(100) not null,
    group_id        varchar(200) not null,
    sent_at         bigint not null,
    seq             varchar(40) not null,
    recent          varchar(4000),
    applied         bigint not null,
    updated_at      timestamp with time zone not null,
    constraint queue_marks_pk primary key (source, group_id)
);
