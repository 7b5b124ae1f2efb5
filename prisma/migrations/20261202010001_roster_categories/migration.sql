-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RosterMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "categories" TEXT NOT NULL DEFAULT '[]',
    "building" TEXT NOT NULL DEFAULT '',
    "phone" TEXT,
    "retiredAt" DATETIME,
    "joinToken" TEXT NOT NULL,
    CONSTRAINT "RosterMember_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_RosterMember" ("communityId", "id", "joinToken", "kind", "name") SELECT "communityId", "id", "joinToken", "kind", "name" FROM "RosterMember";
DROP TABLE "RosterMember";
ALTER TABLE "new_RosterMember" RENAME TO "RosterMember";
CREATE UNIQUE INDEX "RosterMember_joinToken_key" ON "RosterMember"("joinToken");
CREATE INDEX "RosterMember_communityId_idx" ON "RosterMember"("communityId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill: members from before categories get the category their kind stood for
UPDATE "RosterMember" SET "categories" = '["council_member"]' WHERE "kind" = 'council';
UPDATE "RosterMember" SET "categories" = '["resident_representative"]' WHERE "kind" = 'representative';
UPDATE "RosterMember" SET "categories" = '["resident"]' WHERE "kind" = 'resident';
