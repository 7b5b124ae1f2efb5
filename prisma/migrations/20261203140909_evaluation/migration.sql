-- CreateTable
CREATE TABLE "Evaluation" (
    "meetingId" TEXT NOT NULL PRIMARY KEY,
    "plan" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "answered" INTEGER NOT NULL DEFAULT 0,
    "noteDraft" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "EvaluationEvaluator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "rosterMemberId" TEXT,
    "tokenHash" TEXT,
    "answered" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "EvaluationBox" (
    "meetingId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "contents" TEXT NOT NULL,

    PRIMARY KEY ("meetingId", "unitId")
);

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationEvaluator_tokenHash_key" ON "EvaluationEvaluator"("tokenHash");

-- CreateIndex
CREATE INDEX "EvaluationEvaluator_meetingId_idx" ON "EvaluationEvaluator"("meetingId");
