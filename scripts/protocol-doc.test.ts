import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandNames } from '../lib/meeting/commands';
import { eventSchemas } from '../lib/meeting/events';
import { renderDoc } from './protocol-doc';

const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'protocol.md'), 'utf8');

describe('docs/protocol.md', () => {
  it('has the reference generated from the current schemas (run npm run docs:protocol)', () => {
    expect(renderDoc(doc)).toBe(doc);
  });

  it('documents every command and every event', () => {
    for (const name of commandNames) expect(doc).toContain(`#### \`${name}\``);
    for (const type of Object.keys(eventSchemas)) expect(doc).toContain(`#### \`${type}\``);
  });
});
