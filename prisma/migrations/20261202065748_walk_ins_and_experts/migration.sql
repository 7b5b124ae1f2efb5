-- CreateTable
CREATE TABLE "Expert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "phone" TEXT,
    "retiredAt" DATETIME,
    CONSTRAINT "Expert_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MeetingSeat" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "rosterMemberId" TEXT,
    "walkInName" TEXT,
    "walkInBuilding" TEXT,
    "walkInPhone" TEXT,
    "expertId" TEXT,
    "canVote" BOOLEAN NOT NULL DEFAULT true,
    "remoteToken" TEXT NOT NULL,
    "shortCode" TEXT,
    CONSTRAINT "MeetingSeat_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingSeat_rosterMemberId_fkey" FOREIGN KEY ("rosterMemberId") REFERENCES "RosterMember" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "MeetingSeat_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_MeetingSeat" ("canVote", "id", "meetingId", "remoteToken", "rosterMemberId", "shortCode") SELECT "canVote", "id", "meetingId", "remoteToken", "rosterMemberId", "shortCode" FROM "MeetingSeat";
DROP TABLE "MeetingSeat";
ALTER TABLE "new_MeetingSeat" RENAME TO "MeetingSeat";
CREATE UNIQUE INDEX "MeetingSeat_remoteToken_key" ON "MeetingSeat"("remoteToken");
CREATE UNIQUE INDEX "MeetingSeat_meetingId_rosterMemberId_key" ON "MeetingSeat"("meetingId", "rosterMemberId");
CREATE UNIQUE INDEX "MeetingSeat_meetingId_shortCode_key" ON "MeetingSeat"("meetingId", "shortCode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Expert_communityId_idx" ON "Expert"("communityId");
