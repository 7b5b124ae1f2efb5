-- CreateTable
CREATE TABLE "MinutesUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "docName" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MinutesDoc" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "state" BLOB NOT NULL,
    "throughId" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MinutesSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "docName" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "state" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "MinutesUpdate_docName_id_idx" ON "MinutesUpdate"("docName", "id");

-- CreateIndex
CREATE INDEX "MinutesSnapshot_docName_id_idx" ON "MinutesSnapshot"("docName", "id");
