-- CreateTable
CREATE TABLE "MeetingAuthority" (
    "meetingId" TEXT NOT NULL PRIMARY KEY,
    "nodeId" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
