-- CreateTable
CREATE TABLE "Evaluation" (
    "meetingId" TEXT NOT NULL,
    "plan" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "answered" INTEGER NOT NULL DEFAULT 0,
    "noteDraft" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("meetingId")
);

-- CreateTable
CREATE TABLE "EvaluationEvaluator" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "rosterMemberId" TEXT,
    "tokenHash" TEXT,
    "answered" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "EvaluationEvaluator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationBox" (
    "meetingId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "contents" TEXT NOT NULL,

    CONSTRAINT "EvaluationBox_pkey" PRIMARY KEY ("meetingId","unitId")
);

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationEvaluator_tokenHash_key" ON "EvaluationEvaluator"("tokenHash");

-- CreateIndex
CREATE INDEX "EvaluationEvaluator_meetingId_idx" ON "EvaluationEvaluator"("meetingId");
