-- AlterTable: existing communities get a random code (8 hex digits: a clash among even thousands is
-- ~1e-4), and staff can change it to a readable one in the console.
ALTER TABLE "Community" ADD COLUMN     "code" TEXT;
UPDATE "Community" SET "code" = substr(md5(random()::text || "id"), 1, 8);
ALTER TABLE "Community" ALTER COLUMN "code" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Community_code_key" ON "Community"("code");
