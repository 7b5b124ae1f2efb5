-- CreateTable
CREATE TABLE "ProcedureTemplateEdition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "districtId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "ProcedureTemplateEdition_districtId_version_key" ON "ProcedureTemplateEdition"("districtId", "version");
