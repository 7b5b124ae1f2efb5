-- CreateTable
CREATE TABLE "MinutesUpdate" (
    "id" SERIAL NOT NULL,
    "docName" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MinutesUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MinutesDoc" (
    "name" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "throughId" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MinutesDoc_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "MinutesSnapshot" (
    "id" SERIAL NOT NULL,
    "docName" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MinutesSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MinutesUpdate_docName_id_idx" ON "MinutesUpdate"("docName", "id");

-- CreateIndex
CREATE INDEX "MinutesSnapshot_docName_id_idx" ON "MinutesSnapshot"("docName", "id");
