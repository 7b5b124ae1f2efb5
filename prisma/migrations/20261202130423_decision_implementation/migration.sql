-- CreateTable
CREATE TABLE "DecisionTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recordId" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "owner" TEXT NOT NULL DEFAULT '',
    "deadline" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "reason" TEXT,
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DecisionUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "by" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "owner" TEXT,
    "deadline" DATETIME,
    "photo" BLOB,
    CONSTRAINT "DecisionUpdate_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "DecisionTask" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DecisionRating" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "phoneHash" TEXT NOT NULL,
    "rating" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DecisionRating_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "DecisionTask" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DecisionTask_communityId_idx" ON "DecisionTask"("communityId");

-- CreateIndex
CREATE UNIQUE INDEX "DecisionTask_recordId_pollId_key" ON "DecisionTask"("recordId", "pollId");

-- CreateIndex
CREATE INDEX "DecisionUpdate_taskId_at_idx" ON "DecisionUpdate"("taskId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "DecisionRating_taskId_phoneHash_key" ON "DecisionRating"("taskId", "phoneHash");
