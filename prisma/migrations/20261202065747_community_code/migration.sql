-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Community" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "streetId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    CONSTRAINT "Community_streetId_fkey" FOREIGN KEY ("streetId") REFERENCES "Street" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Existing communities get a random code (8 hex digits: a clash among even thousands is ~1e-4), and staff can
-- change it to a readable one in the console.
INSERT INTO "new_Community" ("id", "name", "streetId", "code") SELECT "id", "name", "streetId", lower(hex(randomblob(4))) FROM "Community";
DROP TABLE "Community";
ALTER TABLE "new_Community" RENAME TO "Community";
CREATE UNIQUE INDEX "Community_code_key" ON "Community"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
