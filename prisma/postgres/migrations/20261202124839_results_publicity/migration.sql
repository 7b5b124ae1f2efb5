-- CreateTable
CREATE TABLE "ResultPublication" (
    "recordId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResultPublication_pkey" PRIMARY KEY ("recordId")
);

-- CreateTable
CREATE TABLE "ResultObjection" (
    "id" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "phoneHash" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "answeredBy" TEXT,

    CONSTRAINT "ResultObjection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ResultPublication_communityId_publishedAt_idx" ON "ResultPublication"("communityId", "publishedAt");

-- CreateIndex
CREATE INDEX "ResultObjection_recordId_createdAt_idx" ON "ResultObjection"("recordId", "createdAt");

-- AddForeignKey
ALTER TABLE "ResultObjection" ADD CONSTRAINT "ResultObjection_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "ResultPublication"("recordId") ON DELETE CASCADE ON UPDATE CASCADE;

-- Records filed before results publicity existed were public (their record page, linked from the board) from
-- the moment they were filed: their publication starts then, with the default 5-day publicity period.
INSERT INTO "ResultPublication" ("recordId", "communityId", "meetingId", "publishedAt", "endsAt")
SELECT "id", "communityId", "meetingId", "filedAt", "filedAt" + interval '5 days'
FROM "MeetingRecord" WHERE "status" = 'filed' AND "filedAt" IS NOT NULL;
