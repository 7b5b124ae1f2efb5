-- CreateTable
CREATE TABLE "ResultPublication" (
    "recordId" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ResultObjection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recordId" TEXT NOT NULL,
    "phoneHash" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answeredAt" DATETIME,
    "answeredBy" TEXT,
    CONSTRAINT "ResultObjection_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "ResultPublication" ("recordId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ResultPublication_communityId_publishedAt_idx" ON "ResultPublication"("communityId", "publishedAt");

-- CreateIndex
CREATE INDEX "ResultObjection_recordId_createdAt_idx" ON "ResultObjection"("recordId", "createdAt");

-- Records filed before results publicity existed were public (their record page, linked from the board) from
-- the moment they were filed: their publication starts then, with the default 5-day publicity period.
INSERT INTO "ResultPublication" ("recordId", "communityId", "meetingId", "publishedAt", "endsAt")
SELECT "id", "communityId", "meetingId", "filedAt", strftime('%Y-%m-%dT%H:%M:%S.000+00:00', "filedAt", '+5 days')
FROM "MeetingRecord" WHERE "status" = 'filed' AND "filedAt" IS NOT NULL;
