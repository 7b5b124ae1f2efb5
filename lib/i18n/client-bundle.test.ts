// What the browser loads with a page, checked on the source's import graph as the bundler sees it: only
// the messages its page needs (components/ui/Messages), never the catalogues of both languages (a client
// component importing lib/i18n/locale at runtime would put ~35 KB compressed back into every page); and
// on the resident's phone pages no zod (another ~30 KB: the server validates, the phone trusts its events).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_AREAS, CORE_AREAS, JOIN_AREAS, PHONE_AREAS, RECORD_AREAS, SITE_AREAS } from './areas';
import { messagesOf } from './locale';
import { zhCN } from './messages/zh-CN';

const root = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : files(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** What a module imports at runtime: type-only imports and re-exports are erased by the compiler. */
function runtimeImports(source: string): string[] {
  const specs: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(statement)) {
    if (m[2]) continue; // import type … / export type …
    const names = m[3]!.trim();
    // `import { type A, type B } from` is erased too.
    if (/^\{[^}]*\}$/.test(names) && names.slice(1, -1).split(',').every((n) => !n.trim() || /^type\s/.test(n.trim()))) continue;
    specs.push(m[4]!);
  }
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) specs.push(m[1]!);
  for (const m of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(`lazy:${m[1]!}`);
  return specs;
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? join(root, spec.slice(2)) : spec.startsWith('.') ? join(dirname(from), spec) : null;
  if (!base) return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every module (and package) a client entry loads with it; modules loaded on demand (`import()`) are followed only with `lazy`. */
function eagerGraph(entry: string, lazy = false): { modules: Set<string>; packages: Set<string>; specifiers: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const specifiers = new Set<string>(); // as imported: 'next/link', not only 'next'
  const visit = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    for (const found of runtimeImports(readFileSync(file, 'utf8'))) {
      if (found.startsWith('lazy:') && !lazy) continue;
      const spec = found.replace(/^lazy:/, '');
      const target = resolve(file, spec);
      if (target) visit(target);
      else if (!spec.startsWith('.') && !spec.startsWith('@/')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        specifiers.add(spec);
      }
    }
  };
  visit(entry);
  return { modules, packages, specifiers };
}

const clientEntries = ['components', 'app'].flatMap((d) => files(join(root, d))).filter((f) => /^['"]use client['"]/m.test(readFileSync(f, 'utf8')));

describe('messages in the browser', () => {
  it('finds the client components (the check below is not vacuous)', () => {
    expect(clientEntries.length).toBeGreaterThan(30);
    expect(runtimeImports("import { t } from '@/lib/i18n/locale';\nimport type { X } from 'y';\nimport { type A } from 'z';")).toEqual(['@/lib/i18n/locale']);
  });

  it('no client component loads the full catalogues (lib/i18n/locale) with it', () => {
    const offenders = clientEntries.filter((entry) =>
      [...eagerGraph(entry).modules].some((m) => m.endsWith(join('lib', 'i18n', 'locale.ts'))),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('the phone pages carry no zod (it is the server that validates)', () => {
    for (const entry of ['components/meeting/phone/JoinForm.tsx', 'components/meeting/phone/PhoneMeeting.tsx', 'components/meeting/phone/LiveMeeting.tsx', 'components/meeting/phone/LinkJoin.tsx', 'components/written/AddresseeReply.tsx', 'components/questionnaire/PhoneQuestionnaire.tsx', 'components/visits/RecorderPhone.tsx', 'components/evaluation/EvaluatorRating.tsx', 'components/expert/ExpertOpinionForm.tsx']) {
      expect([...eagerGraph(join(root, entry)).packages], entry).not.toContain('zod');
    }
  });
});

// bench:phone (issue 10) measures these pages' first paint and main-thread time on a slow phone.
describe('the phone pages’ first load', () => {
  it('the meeting page hydrates a shell: the live view (socket.io, the reducer, the panels) is loaded on demand', () => {
    const shell = eagerGraph(join(root, 'components/meeting/phone/PhoneMeeting.tsx'));
    expect([...shell.packages]).not.toContain('socket.io-client');
    expect([...shell.modules].map((m) => relative(root, m))).not.toContain(join('components', 'meeting', 'useMeeting.ts'));
    expect(runtimeImports(readFileSync(join(root, 'components/meeting/phone/PhoneMeeting.tsx'), 'utf8'))).toContain('lazy:./LiveMeeting');
  });

  it('the join form and the live view carry neither the router’s link nor next/dynamic’s loader', () => {
    for (const entry of ['components/meeting/phone/JoinForm.tsx', 'components/meeting/phone/PhoneMeeting.tsx', 'components/meeting/phone/LiveMeeting.tsx']) {
      const { specifiers } = eagerGraph(join(root, entry));
      expect([...specifiers], entry).not.toContain('next/link');
      expect([...specifiers], entry).not.toContain('next/dynamic');
    }
  });

});

/**
 * The message keys a module's code names: every string literal that is a key of the catalogue, and the
 * fixed start of every template literal that begins some key (`meeting.voice.failure.${f}` names
 * `meeting.voice.failure.`). Event and command names (poll.vote) are not keys, so they do not count.
 */
function keysNamed(source: string): Set<string> {
  const keys = Object.keys(zhCN);
  const named = new Set<string>();
  for (const m of source.matchAll(/'([a-zA-Z]+\.[\w.]+)'|"([a-zA-Z]+\.[\w.]+)"|`([a-zA-Z]+\.[\w.]*)(?:\$\{|`)/g)) {
    const literal = m[1] ?? m[2];
    if (literal !== undefined) {
      if (Object.hasOwn(zhCN, literal)) named.add(literal);
    } else if (keys.some((k) => k.startsWith(m[3]!))) named.add(m[3]!);
  }
  return named;
}
const areasNamed = (source: string) => new Set([...keysNamed(source)].map((k) => k.slice(0, k.indexOf('.'))));

describe('messages by page area', () => {
  it('the phone pages’ client code (with what it loads on demand) uses only the areas those pages are given', () => {
    const given = new Set<string>([...CORE_AREAS, ...PHONE_AREAS]);
    expect(areasNamed("t('phone.poll.done'); send('meeting.start'); t(`meeting.voice.failure.${f}`); x('poll.vote')")).toEqual(new Set(['phone', 'meeting']));
    const used = new Map<string, string>();
    for (const entry of ['components/meeting/phone/JoinForm.tsx', 'components/meeting/phone/PhoneMeeting.tsx', 'components/meeting/phone/LinkJoin.tsx']) {
      const { modules } = eagerGraph(join(root, entry), true);
      expect(modules.size, entry).toBeGreaterThan(entry.includes('PhoneMeeting') ? 20 : 3);
      // The UI's modules: the domain's (lib/) name events and commands, shaped like keys (expert.accepted).
      const ui = [...modules].filter((m) => /^(components|app)\//.test(relative(root, m)));
      for (const m of ui) for (const area of areasNamed(readFileSync(m, 'utf8'))) used.set(area, relative(root, m));
    }
    expect(used.has('phone') && used.has('meeting') && used.has('minutes')).toBe(true);
    expect([...used].filter(([area]) => !given.has(area)).map(([area, file]) => `${area} (${file})`)).toEqual([]);
  });

  it('the join pages’ client code uses only the messages those pages are given (areas or narrower prefixes)', () => {
    const given = [...CORE_AREAS, ...JOIN_AREAS].map((a) => `${a}.`);
    expect(keysNamed("t('phone.error.offline'); t(`meeting.error.${code}`)")).toEqual(new Set(['phone.error.offline', 'meeting.error.']));
    const { modules } = eagerGraph(join(root, 'components/meeting/phone/JoinForm.tsx'), true);
    const named = new Map<string, string>();
    for (const m of [...modules].filter((f) => /^(components|app)\//.test(relative(root, f)))) {
      for (const key of keysNamed(readFileSync(m, 'utf8'))) named.set(key, relative(root, m));
    }
    expect(named.has('join.submit') && named.has('meeting.error.')).toBe(true);
    expect([...named].filter(([key]) => !given.some((p) => key.startsWith(p))).map(([key, file]) => `${key} (${file})`)).toEqual([]);
    // …and a narrower prefix gives its keys only.
    const joinMessages = messagesOf('zh-CN', JOIN_AREAS);
    expect(joinMessages['meeting.error.NOT_FOUND']).toBe(zhCN['meeting.error.NOT_FOUND']);
    expect(Object.keys(joinMessages).some((k) => k.startsWith('meeting.') && !k.startsWith('meeting.error.'))).toBe(false);
  });

  it('gives each page area only its own messages, in one language', () => {
    const phone = messagesOf('zh-CN', [...CORE_AREAS, ...PHONE_AREAS]);
    expect(phone['phone.poll.done']).toBe(zhCN['phone.poll.done']);
    expect(Object.keys(phone).some((k) => k.startsWith('scoring.') || k.startsWith('console.') || k.startsWith('topic.'))).toBe(false);
    expect(messagesOf('en', ['phone'])['phone.poll.done']).toBe('Your vote was counted');
  });

  it('every area of the catalogue is given to some page', () => {
    const areas = new Set(Object.keys(zhCN).map((k) => k.slice(0, k.indexOf('.'))));
    const given = new Set<string>([...CORE_AREAS, ...SITE_AREAS, ...CONSOLE_AREAS, ...RECORD_AREAS]);
    expect([...areas].filter((a) => !given.has(a))).toEqual([]);
  });
});
