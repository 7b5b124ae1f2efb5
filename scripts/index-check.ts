// `tsx scripts/index-check.ts [file]` — checks an index catalogue (default: the one the product ships)
// with the same validation the app uses, so a district can try an edited catalogue before loading it.
// Prints the errors and exits 1, or prints a summary and exits 0.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tiers, validateCatalogue } from '../lib/scoring/catalogue';

const file = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'lib', 'scoring', 'catalogue', 'default.json'));

function fail(lines: string[]): never {
  console.error(`${file}: invalid catalogue`);
  for (const line of lines) console.error(`  - ${line}`);
  process.exit(1);
}

let raw: unknown;
try {
  raw = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  fail([(err as Error).message]);
}

const result = validateCatalogue(raw);
if (!result.ok) fail(result.errors);

const c = result.catalogue;
const automatic = c.indicators.filter((i) => i.method.kind === 'automatic');
const rulesUsed = [...new Set(automatic.map((i) => (i.method.kind === 'automatic' ? i.method.rule : '')))].sort();
const tierLine = tiers.map((t) => {
  const list = c.indicators.filter((i) => i.tier === t);
  return `${t} ${list.reduce((s, i) => s + i.points, 0)} (${list.length} indicators)`;
});
const grades = Object.entries(c.grades).sort(([, a], [, b]) => b - a).map(([g, line]) => `${g} ≥ ${line}`);

console.log(`${file}: valid`);
console.log(`  version ${c.version}, year ${c.year}: ${c.title['zh-CN']}`);
console.log(`  ${c.categories.length} categories, ${c.elements.length} elements, ${c.indicators.length} indicators ` +
  `(${automatic.length} automatic, ${c.indicators.length - automatic.length} assessed)`);
console.log(`  points: ${tierLine.join(', ')}; ${c.indicators.reduce((s, i) => s + i.points, 0)} in all`);
console.log(`  grades: ${grades.join(', ')}; no grade below ${Math.min(...Object.values(c.grades))}`);
console.log(`  rules: ${rulesUsed.join(', ')}`);
