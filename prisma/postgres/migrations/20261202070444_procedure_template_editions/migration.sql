-- CreateTable
CREATE TABLE "ProcedureTemplateEdition" (
    "id" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcedureTemplateEdition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProcedureTemplateEdition_districtId_version_key" ON "ProcedureTemplateEdition"("districtId", "version");
