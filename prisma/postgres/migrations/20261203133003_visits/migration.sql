-- CreateTable
CREATE TABLE "VisitRound" (
    "meetingId" TEXT NOT NULL,
    "question" TEXT NOT NULL DEFAULT '',
    "households" TEXT NOT NULL DEFAULT '[]',
    "team" TEXT NOT NULL DEFAULT '[]',
    "conclusionDraft" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "entries" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "VisitRound_pkey" PRIMARY KEY ("meetingId")
);

-- CreateTable
CREATE TABLE "VisitEntry" (
    "meetingId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "householdId" TEXT,
    "content" TEXT NOT NULL,
    "visitedAt" TIMESTAMP(3) NOT NULL,
    "staffId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VisitEntry_pkey" PRIMARY KEY ("meetingId","id")
);
