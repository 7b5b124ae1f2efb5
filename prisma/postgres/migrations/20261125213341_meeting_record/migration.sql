-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "publicKeyPem" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformKey" (
    "id" TEXT NOT NULL,
    "publicKeyPem" TEXT NOT NULL,
    "privateKeyPem" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlatformKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingRecord" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "chainSeq" INTEGER NOT NULL,
    "previousHash" TEXT,
    "hash" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "frozenAt" TIMESTAMP(3) NOT NULL,
    "signedAt" TIMESTAMP(3),
    "filedAt" TIMESTAMP(3),
    "filing" TEXT,
    "filingSignature" TEXT,
    "platformSignature" TEXT,
    "platformKeyId" TEXT,

    CONSTRAINT "MeetingRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordSignature" (
    "id" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordSignature_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "SigningKey" ADD CONSTRAINT "SigningKey_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordSignature" ADD CONSTRAINT "RecordSignature_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "MeetingRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordSignature" ADD CONSTRAINT "RecordSignature_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "SigningKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
