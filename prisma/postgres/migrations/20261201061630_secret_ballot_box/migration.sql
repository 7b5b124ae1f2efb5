-- CreateTable
CREATE TABLE "SecretBallotBox" (
    "pollId" TEXT NOT NULL,
    "ballots" INTEGER NOT NULL,
    "contents" TEXT NOT NULL,

    CONSTRAINT "SecretBallotBox_pkey" PRIMARY KEY ("pollId")
);

-- CreateTable
CREATE TABLE "EventLogRedaction" (
    "meetingId" TEXT NOT NULL,
    "events" INTEGER NOT NULL,
    "migration" TEXT NOT NULL,
    "redactedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventLogRedaction_pkey" PRIMARY KEY ("meetingId")
);

-- Secret ballots written before this migration: each was a Ballot row (in voting order) and a
-- poll.ballot event naming the voter with the running tally, which together linked voter and choice.
-- Move the ballots of each secret poll into its box (counted, sorted by choices) and drop the rows, then
-- strip the tally and the actor from those events. Meetings whose log changes are listed, because a
-- record frozen before now commits to their log as it was (docs/record.md). Named polls are untouched.
-- (No semicolons or quotes in these comments: the PostgreSQL applier splits the script on them.)
INSERT INTO "SecretBallotBox" ("pollId", "ballots", "contents")
SELECT "pollId", SUM("n")::integer, json_agg(json_build_array("choices"::json, "n") ORDER BY "choices")::text
FROM (
    SELECT "pollId", "choices", COUNT(*) AS "n" FROM "Ballot" WHERE "seatId" IS NULL GROUP BY "pollId", "choices"
) AS "secret"
GROUP BY "pollId";

DELETE FROM "Ballot" WHERE "seatId" IS NULL;

INSERT INTO "EventLogRedaction" ("meetingId", "events", "migration")
SELECT "meetingId", COUNT(*)::integer, '20261201061630_secret_ballot_box' FROM "MeetingEvent"
WHERE "type" = 'poll.ballot' AND ("data"::json ->> 'seatId') IS NULL
GROUP BY "meetingId";

UPDATE "MeetingEvent"
SET "actor" = '', "data" = json_build_object('pollId', "data"::json -> 'pollId', 'voted', "data"::json -> 'voted')::text
WHERE "type" = 'poll.ballot' AND ("data"::json ->> 'seatId') IS NULL;
