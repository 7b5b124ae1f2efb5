-- CreateTable
CREATE TABLE "VisitRound" (
    "meetingId" TEXT NOT NULL PRIMARY KEY,
    "question" TEXT NOT NULL DEFAULT '',
    "households" TEXT NOT NULL DEFAULT '[]',
    "team" TEXT NOT NULL DEFAULT '[]',
    "conclusionDraft" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "entries" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "VisitEntry" (
    "meetingId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "householdId" TEXT,
    "content" TEXT NOT NULL,
    "visitedAt" DATETIME NOT NULL,
    "staffId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,

    PRIMARY KEY ("meetingId", "id")
);
