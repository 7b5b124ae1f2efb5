-- DropIndex
DROP INDEX "Topic_communityId_idx";

-- AlterTable
ALTER TABLE "Topic" ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "level" TEXT,
ADD COLUMN     "mergedIntoId" TEXT,
ADD COLUMN     "place" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "placeId" TEXT,
ADD COLUMN     "proposerPhoneHash" TEXT,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "referredTo" TEXT,
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'accepted',
ADD COLUMN     "submitter" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "type" TEXT;

-- CreateTable
CREATE TABLE "TopicCoSign" (
    "id" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "phoneHash" TEXT NOT NULL,
    "phoneMasked" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "building" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TopicCoSign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TopicFile" (
    "id" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "TopicFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TopicStep" (
    "id" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL DEFAULT '',
    "detail" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "TopicStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TopicMeeting" (
    "topicId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,

    CONSTRAINT "TopicMeeting_pkey" PRIMARY KEY ("topicId","meetingId")
);

-- CreateTable
CREATE TABLE "PhoneCode" (
    "id" TEXT NOT NULL,
    "phoneHash" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PhoneCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResidentSession" (
    "tokenHash" TEXT NOT NULL,
    "phoneHash" TEXT NOT NULL,
    "phoneMasked" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResidentSession_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "TopicCoSign_topicId_phoneHash_key" ON "TopicCoSign"("topicId", "phoneHash");

-- CreateIndex
CREATE INDEX "TopicFile_topicId_idx" ON "TopicFile"("topicId");

-- CreateIndex
CREATE INDEX "TopicStep_topicId_at_idx" ON "TopicStep"("topicId", "at");

-- CreateIndex
CREATE INDEX "TopicMeeting_meetingId_idx" ON "TopicMeeting"("meetingId");

-- CreateIndex
CREATE INDEX "PhoneCode_phoneHash_createdAt_idx" ON "PhoneCode"("phoneHash", "createdAt");

-- CreateIndex
CREATE INDEX "Topic_communityId_status_idx" ON "Topic"("communityId", "status");

-- AddForeignKey
ALTER TABLE "TopicCoSign" ADD CONSTRAINT "TopicCoSign_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicFile" ADD CONSTRAINT "TopicFile_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicStep" ADD CONSTRAINT "TopicStep_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicMeeting" ADD CONSTRAINT "TopicMeeting_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicMeeting" ADD CONSTRAINT "TopicMeeting_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
