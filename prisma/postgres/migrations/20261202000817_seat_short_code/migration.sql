-- AlterTable
ALTER TABLE "MeetingSeat" ADD COLUMN     "shortCode" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "MeetingSeat_meetingId_shortCode_key" ON "MeetingSeat"("meetingId", "shortCode");
