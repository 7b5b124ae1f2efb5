-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffUserId" TEXT NOT NULL,
    "publicKeyPem" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SigningKey_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlatformKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "publicKeyPem" TEXT NOT NULL,
    "privateKeyPem" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MeetingRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "chainSeq" INTEGER NOT NULL,
    "previousHash" TEXT,
    "hash" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "frozenAt" DATETIME NOT NULL,
    "signedAt" DATETIME,
    "filedAt" DATETIME,
    "filing" TEXT,
    "filingSignature" TEXT,
    "platformSignature" TEXT,
    "platformKeyId" TEXT
);

-- CreateTable
CREATE TABLE "RecordSignature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recordId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecordSignature_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "MeetingRecord" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecordSignature_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "SigningKey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SigningKey_fingerprint_key" ON "SigningKey"("fingerprint");

-- CreateIndex
CREATE INDEX "SigningKey_staffUserId_idx" ON "SigningKey"("staffUserId");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformKey_fingerprint_key" ON "PlatformKey"("fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRecord_meetingId_key" ON "MeetingRecord"("meetingId");

-- CreateIndex
CREATE INDEX "MeetingRecord_status_idx" ON "MeetingRecord"("status");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRecord_communityId_chainSeq_key" ON "MeetingRecord"("communityId", "chainSeq");

-- CreateIndex
CREATE UNIQUE INDEX "RecordSignature_recordId_staffUserId_role_key" ON "RecordSignature"("recordId", "staffUserId", "role");
