-- CreateTable
CREATE TABLE "SecretBallotBox" (
    "pollId" TEXT NOT NULL PRIMARY KEY,
    "ballots" INTEGER NOT NULL,
    "contents" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "EventLogRedaction" (
    "meetingId" TEXT NOT NULL PRIMARY KEY,
    "events" INTEGER NOT NULL,
    "migration" TEXT NOT NULL,
    "redactedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Secret ballots written before this migration: each was a Ballot row (in voting order) and a
-- poll.ballot event naming the voter with the running tally, which together linked voter and choice.
-- Move the ballots of each secret poll into its box (counted, sorted by choices) and drop the rows, then
-- strip the tally and the actor from those events. Meetings whose log changes are listed, because a
-- record frozen before now commits to their log as it was (docs/record.md). Named polls are untouched.
-- (No semicolons or quotes in these comments: the PostgreSQL applier splits the script on them.)
INSERT INTO "SecretBallotBox" ("pollId", "ballots", "contents")
SELECT "pollId", SUM("n"), json_group_array(json_array(json("choices"), "n"))
FROM (
    SELECT "pollId", "choices", COUNT(*) AS "n" FROM "Ballot" WHERE "seatId" IS NULL
    GROUP BY "pollId", "choices" ORDER BY "pollId", "choices"
)
GROUP BY "pollId";

DELETE FROM "Ballot" WHERE "seatId" IS NULL;

INSERT INTO "EventLogRedaction" ("meetingId", "events", "migration")
SELECT "meetingId", COUNT(*), '20261201061630_secret_ballot_box' FROM "MeetingEvent"
WHERE "type" = 'poll.ballot' AND json_extract("data", '$.seatId') IS NULL
GROUP BY "meetingId";

UPDATE "MeetingEvent"
SET "actor" = '', "data" = json_object('pollId', json_extract("data", '$.pollId'), 'voted', json_extract("data", '$.voted'))
WHERE "type" = 'poll.ballot' AND json_extract("data", '$.seatId') IS NULL;
