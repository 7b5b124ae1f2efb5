-- CreateTable
CREATE TABLE "Questionnaire" (
    "meetingId" TEXT NOT NULL PRIMARY KEY,
    "settings" TEXT NOT NULL,
    "draft" TEXT NOT NULL,
    "summaryDraft" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "currentVersion" INTEGER NOT NULL DEFAULT 0,
    "responses" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "QuestionnaireVersion" (
    "meetingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "definition" TEXT NOT NULL,

    PRIMARY KEY ("meetingId", "version")
);

-- CreateTable
CREATE TABLE "QuestionnaireParticipation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "phoneHash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "QuestionnaireResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "answers" TEXT NOT NULL,
    "phoneHash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "QuestionnaireAnswerBox" (
    "meetingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "contents" TEXT NOT NULL,

    PRIMARY KEY ("meetingId", "version")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuestionnaireParticipation_meetingId_phoneHash_key" ON "QuestionnaireParticipation"("meetingId", "phoneHash");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionnaireResponse_meetingId_phoneHash_key" ON "QuestionnaireResponse"("meetingId", "phoneHash");
