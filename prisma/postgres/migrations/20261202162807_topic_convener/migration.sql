-- AlterTable
ALTER TABLE "Topic" ADD COLUMN     "convenerId" TEXT;
