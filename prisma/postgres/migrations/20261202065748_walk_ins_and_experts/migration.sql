-- DropForeignKey
ALTER TABLE "MeetingSeat" DROP CONSTRAINT "MeetingSeat_rosterMemberId_fkey";

-- AlterTable
ALTER TABLE "MeetingSeat" ADD COLUMN     "expertId" TEXT,
ADD COLUMN     "walkInBuilding" TEXT,
ADD COLUMN     "walkInName" TEXT,
ADD COLUMN     "walkInPhone" TEXT,
ALTER COLUMN "rosterMemberId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Expert" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "phone" TEXT,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "Expert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Expert_communityId_idx" ON "Expert"("communityId");

-- AddForeignKey
ALTER TABLE "Expert" ADD CONSTRAINT "Expert_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSeat" ADD CONSTRAINT "MeetingSeat_rosterMemberId_fkey" FOREIGN KEY ("rosterMemberId") REFERENCES "RosterMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSeat" ADD CONSTRAINT "MeetingSeat_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert"("id") ON DELETE SET NULL ON UPDATE CASCADE;
