// app/phone.css and app/join.css build the phone and join pages' stylesheets from a list of folders, not from every source file
// (that is what keeps it small enough to inline). A phone page that starts importing a file from a folder
// not on the list would render that file's classes unstyled, and nothing else would notice: this test
// follows the pages' imports (TypeScript's own resolver, tsconfig paths) and checks each list covers them.
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

/** The paths a stylesheet of app/ gives Tailwind with @source, made absolute. */
function sourcesOf(stylesheet: string): string[] {
  const css = readFileSync(join(app, stylesheet), 'utf8');
  return [...css.matchAll(/^@source\s+"([^"]+)";/gm)].map((m) => resolve(app, m[1]!));
}

const coveredBy = (sources: string[]) => (file: string) => sources.some((s) => file === s || file.startsWith(`${s}/`));
// lib/ is below the components (STYLE.md) and holds no classes.
const uncovered = (closure: Set<string>, sources: string[]) =>
  [...closure].filter((f) => !f.startsWith(join(root, 'lib')) && !coveredBy(sources)(f)).map((f) => relative(root, f));

const stylesheets = [
  { css: 'phone.css', group: '(phone)', uses: ['components/meeting/phone/PhoneMeeting.tsx', 'components/ui/Button.tsx'] },
  { css: 'join.css', group: '(join)', uses: ['components/meeting/phone/JoinForm.tsx', 'components/ui/Button.tsx'] },
];

describe.each(stylesheets)('the stylesheet of the pages in app/$group (app/$css)', ({ css, group, uses }) => {
  const closure = importClosure([...pagesUnder(join(app, group)), join(app, 'layout.tsx')]);
  const sources = sourcesOf(css);

  it('follows the imports', () => {
    expect([...closure].map((f) => relative(root, f))).toEqual(expect.arrayContaining(uses));
  });

  it('covers every file the pages are made of', () => {
    expect(uncovered(closure, sources)).toEqual([]);
  });

  it('lists only folders and files that exist', () => {
    expect(sources.filter((s) => !ts.sys.fileExists(s) && !ts.sys.directoryExists(s)).map((s) => relative(root, s))).toEqual([]);
  });

  it('and the check itself fails when a file is missing from the list', () => {
    const without = sources.filter((s) => !s.endsWith(join('components', 'ui')) && !s.endsWith(join('components', 'ui', 'Button.tsx')));
    expect(without.length).toBeLessThan(sources.length);
    expect(uncovered(closure, without)).toContain(join('components', 'ui', 'Button.tsx'));
  });
});

// A member who joined goes on to the meeting page, whose stylesheet then follows the join page's in the
// document: it must hold every class of the join form too, or the later sheet's order of the same rules
// could differ from the earlier one's for a class only the earlier had.
it('the phone pages’ stylesheet also covers the join pages’ components', () => {
  const join_ = importClosure([...pagesUnder(join(app, '(join)'))]);
  const components = new Set([...join_].filter((f) => f.startsWith(join(root, 'components'))));
  expect(components.size).toBeGreaterThan(2);
  expect(uncovered(components, sourcesOf('phone.css'))).toEqual([]);
});
