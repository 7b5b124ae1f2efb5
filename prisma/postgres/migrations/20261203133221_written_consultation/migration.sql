-- CreateTable
CREATE TABLE "WrittenConsultation" (
    "meetingId" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL DEFAULT '',
    "deadline" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'draft',
    "conclusionDraft" TEXT NOT NULL DEFAULT '',
    "fileName" TEXT,
    "mimeType" TEXT,
    "size" INTEGER,
    "sha256" TEXT,
    "data" BYTEA,

    CONSTRAINT "WrittenConsultation_pkey" PRIMARY KEY ("meetingId")
);

-- CreateTable
CREATE TABLE "WrittenAddressee" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "rosterMemberId" TEXT,
    "tokenHash" TEXT,
    "remindedAt" TIMESTAMP(3),
    "reminders" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "WrittenAddressee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WrittenReply" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "addresseeId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "fileId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WrittenReply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WrittenReplyFile" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "addresseeId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WrittenReplyFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WrittenAddressee_tokenHash_key" ON "WrittenAddressee"("tokenHash");

-- CreateIndex
CREATE INDEX "WrittenAddressee_meetingId_idx" ON "WrittenAddressee"("meetingId");

-- CreateIndex
CREATE INDEX "WrittenReply_meetingId_idx" ON "WrittenReply"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "WrittenReply_addresseeId_revision_key" ON "WrittenReply"("addresseeId", "revision");

-- CreateIndex
CREATE INDEX "WrittenReplyFile_addresseeId_idx" ON "WrittenReplyFile"("addresseeId");
