-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN "endsAt" DATETIME;

-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN "post" TEXT;
ALTER TABLE "StaffUser" ADD COLUMN "postPlaceId" TEXT;

-- CreateTable
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL,
    "publishedBy" TEXT NOT NULL,
    CONSTRAINT "Notice_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Notice_meetingId_idx" ON "Notice"("meetingId");
