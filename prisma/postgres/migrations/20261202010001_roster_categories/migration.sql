-- AlterTable
ALTER TABLE "RosterMember" ADD COLUMN     "building" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "categories" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "phone" TEXT,
ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- Backfill: members from before categories get the category their kind stood for
UPDATE "RosterMember" SET "categories" = '["council_member"]' WHERE "kind" = 'council';
UPDATE "RosterMember" SET "categories" = '["resident_representative"]' WHERE "kind" = 'representative';
UPDATE "RosterMember" SET "categories" = '["resident"]' WHERE "kind" = 'resident';
