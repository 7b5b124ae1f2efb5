-- CreateTable
CREATE TABLE "ExpertLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "seatId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ExpertLink_seatId_key" ON "ExpertLink"("seatId");

-- CreateIndex
CREATE UNIQUE INDEX "ExpertLink_tokenHash_key" ON "ExpertLink"("tokenHash");

-- CreateIndex
CREATE INDEX "ExpertLink_meetingId_idx" ON "ExpertLink"("meetingId");
