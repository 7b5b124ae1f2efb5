// app/phone.css builds the phone pages' stylesheet from a list of folders, not from every source file
// (that is what keeps it small enough to inline). A phone page that starts importing a file from a folder
// not on the list would render that file's classes unstyled, and nothing else would notice: this test
// follows the phone pages' imports (TypeScript's own resolver, tsconfig paths) and checks the list covers them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const app = join(root, 'app');
const config = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root);

function* pagesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* pagesUnder(path);
    else if (/\.(tsx|ts)$/.test(entry.name)) yield path;
  }
}

/** Every project source file `entries` import, directly or not (node_modules excluded). */
function importClosure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, config.options, ts.sys).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport && /\.tsx?$/.test(resolved.resolvedFileName)) todo.push(resolve(resolved.resolvedFileName));
    }
  }
  return seen;
}

/** The paths app/phone.css gives Tailwind with @source, made absolute. */
function phoneSources(): string[] {
  const css = readFileSync(join(app, 'phone.css'), 'utf8');
  return [...css.matchAll(/^@source\s+"([^"]+)";/gm)].map((m) => resolve(app, m[1]!));
}

describe('the phone stylesheet (app/phone.css)', () => {
  const closure = importClosure([...pagesUnder(join(app, '(phone)')), join(app, 'layout.tsx')]);
  const sources = phoneSources();
  const covered = (file: string) => sources.some((s) => file === s || file.startsWith(`${s}/`));

  it('follows the imports (the phone pages use the shared UI and the meeting on the phone)', () => {
    const names = [...closure].map((f) => relative(root, f));
    expect(names).toContain('components/meeting/phone/PhoneMeeting.tsx');
    expect(names).toContain('components/ui/Button.tsx');
  });

  it('covers every file the phone pages are made of', () => {
    // lib/ is below the components (STYLE.md) and holds no classes.
    const missing = [...closure].filter((f) => !f.startsWith(join(root, 'lib')) && !covered(f)).map((f) => relative(root, f));
    expect(missing).toEqual([]);
  });

  it('lists only folders and files that exist', () => {
    expect(sources.filter((s) => !ts.sys.fileExists(s) && !ts.sys.directoryExists(s)).map((s) => relative(root, s))).toEqual([]);
  });

  it('and the check itself fails when a folder is missing from the list', () => {
    const without = sources.filter((s) => !s.endsWith('components/meeting/voice'));
    expect([...closure].some((f) => !f.startsWith(join(root, 'lib')) && !without.some((s) => f.startsWith(`${s}/`)))).toBe(true);
  });
});
