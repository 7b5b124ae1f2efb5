-- CreateTable
CREATE TABLE "RecordDisclosure" (
    "recordId" TEXT NOT NULL PRIMARY KEY,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
