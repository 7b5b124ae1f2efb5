-- CreateTable
CREATE TABLE "IndexCatalogue" (
    "id" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IndexCatalogue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceUpload" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "status" TEXT NOT NULL,
    "credit" DOUBLE PRECISION,
    "reviewReason" TEXT,
    "reviewerId" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvidenceUpload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Topic" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "intakePath" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Topic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionFollowUp" (
    "id" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IndexCatalogue_districtId_year_version_key" ON "IndexCatalogue"("districtId", "year", "version");

-- CreateIndex
CREATE INDEX "EvidenceUpload_communityId_year_idx" ON "EvidenceUpload"("communityId", "year");

-- CreateIndex
CREATE INDEX "EvidenceUpload_status_idx" ON "EvidenceUpload"("status");

-- CreateIndex
CREATE INDEX "Topic_communityId_idx" ON "Topic"("communityId");

-- CreateIndex
CREATE INDEX "DecisionFollowUp_recordId_idx" ON "DecisionFollowUp"("recordId");
