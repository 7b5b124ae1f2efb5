-- CreateTable
CREATE TABLE "VisitPhoto" (
    "meetingId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadSha256" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "staffId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,

    PRIMARY KEY ("meetingId", "id")
);

-- CreateIndex
CREATE INDEX "VisitPhoto_meetingId_entryId_idx" ON "VisitPhoto"("meetingId", "entryId");
