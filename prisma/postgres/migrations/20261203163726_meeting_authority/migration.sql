-- CreateTable
CREATE TABLE "MeetingAuthority" (
    "meetingId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingAuthority_pkey" PRIMARY KEY ("meetingId")
);
