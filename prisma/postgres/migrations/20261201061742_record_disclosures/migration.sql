-- CreateTable
CREATE TABLE "RecordDisclosure" (
    "recordId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordDisclosure_pkey" PRIMARY KEY ("recordId")
);
