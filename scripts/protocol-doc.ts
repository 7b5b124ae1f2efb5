// Writes the generated reference part of docs/protocol.md from the zod schemas that the server
// actually enforces: `npm run docs:protocol`. With --check it only compares (a unit test runs that),
// so the document cannot drift from the code.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { commandSchemas, httpOnlyCommands, permissionFor, type CommandName } from '../lib/meeting/commands';
import { DefinitionInput } from '../lib/questionnaire/definition';
import { QuestionnaireSettings } from '../lib/questionnaire/settings';
import { ResponseInput } from '../lib/questionnaire/answers';
import { ReplyInput } from '../lib/written/inputs';
import { RatingsInput } from '../lib/evaluation/inputs';
import { JoinRequest } from '../lib/meeting/join';
import { meetingRoles, can } from '../lib/meeting/permissions';
import { eventSchemas } from '../lib/meeting/events';
import { Handshake } from '../server/socket';
import { HallSignal, VoiceSignal } from '../lib/meeting/procedure/speakers/voice';
import { ReviewInput, UploadMeta } from '../lib/assessment/evidence';
import { SignRecordInput } from '../lib/record/service';
import { PlanMeetingInput } from '../lib/planning/plan-meeting';

const DOC = join(import.meta.dirname, '..', 'docs', 'protocol.md');
const START = '<!-- generated:start (npm run docs:protocol) -->';
const END = '<!-- generated:end -->';

const schema = (s: z.ZodType) => '```json\n' + JSON.stringify(z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }), (k, v) => (k === '$schema' ? undefined : v)) + '\n```';

export function generatedReference(): string {
  const out: string[] = [];
  out.push('### Handshake (`auth` of the Socket.IO connection)', '', schema(Handshake), '');
  out.push('### POST /api/join body', '', schema(JoinRequest), '');
  out.push('### POST /api/meetings body', '', schema(PlanMeetingInput), '');
  out.push('### POST /api/records/:recordId/signatures body', '', schema(SignRecordInput), '');
  out.push('### POST /api/evidence query (the body is the file; `mimeType` is its Content-Type)', '', schema(UploadMeta), '');
  out.push('### POST /api/evidence/:id/review body', '', schema(ReviewInput), '');
  out.push('### Questionnaire definition (`definition` of POST /api/meetings/:meetingId/questionnaire)', '', schema(DefinitionInput), '');
  out.push('### Questionnaire settings (`settings` of the same)', '', schema(QuestionnaireSettings), '');
  out.push('### POST /api/questionnaires/:joinCode/responses body', '', schema(ResponseInput), '');
  out.push('### POST /api/w/:token/replies body', '', schema(ReplyInput), '');
  out.push('### POST /api/e/:token/ratings body', '', schema(RatingsInput), '');
  out.push('### `voice:signal` payload (a remote member\'s voice: WebRTC signalling)', '', schema(VoiceSignal), '');
  out.push('### `voice:hall` payload (the hall\'s sound to remote listeners: WebRTC signalling)', '', schema(HallSignal), '');
  out.push('### Commands (`meeting:command` → `{ name, input }`)', '');
  for (const name of Object.keys(commandSchemas) as CommandName[]) {
    const action = permissionFor(name);
    const roles = meetingRoles.filter((r) => can(r, action));
    const via = httpOnlyCommands.has(name) ? ' Sent by the HTTP API only (refused on the socket).' : '';
    out.push(`#### \`${name}\``, '', `Needs \`${action}\` — allowed roles: ${roles.map((r) => `\`${r}\``).join(', ')}.${via}`, '', schema(commandSchemas[name]), '');
  }
  out.push('### Events (`meeting:events` → `{ events: [{ seq, type, data, at, actor }] }`)', '');
  for (const [type, s] of Object.entries(eventSchemas)) out.push(`#### \`${type}\``, '', schema(s as z.ZodType), '');
  return out.join('\n');
}

export function renderDoc(current: string): string {
  const a = current.indexOf(START);
  const b = current.indexOf(END);
  if (a < 0 || b < 0) throw new Error('docs/protocol.md lacks the generated markers');
  return current.slice(0, a + START.length) + '\n\n' + generatedReference() + '\n' + current.slice(b);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const current = readFileSync(DOC, 'utf8');
  const next = renderDoc(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('docs/protocol.md is out of date: run npm run docs:protocol');
      process.exit(1);
    }
  } else writeFileSync(DOC, next);
}
