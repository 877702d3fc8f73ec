// Every word of the pages lives in web/i18n/vi.json and en.json: both files hold the same keys,
// every key the code asks for exists, and no page script writes user-facing text itself.
import fs from 'node:fs';
import path from 'node:path';
import { sourceDir, check } from './support.mjs';

const web = path.join(sourceDir, 'web');
const vi = JSON.parse(fs.readFileSync(path.join(web, 'i18n/vi.json'), 'utf8'));
const en = JSON.parse(fs.readFileSync(path.join(web, 'i18n/en.json'), 'utf8'));
const problems = [];
for (const key of Object.keys(vi)) if (!(key in en)) problems.push(`en.json lacks ${key}`);
for (const key of Object.keys(en)) if (!(key in vi)) problems.push(`vi.json lacks ${key}`);
for (const [key, text] of Object.entries(vi)) {
  const vars = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
  if (key in en && vars(text) !== vars(en[key])) problems.push(`${key}: the placeholders differ between vi and en`);
  if (!text.trim() || !(en[key] || '').trim()) problems.push(`${key}: empty`);
}

const files = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.js')) files.push(full);
  }
};
walk(path.join(web, 'js'));
// The pages of their own: the public tracker, and the report page's charts.
files.push(path.join(web, 'tracker.js'), path.join(web, 'report.js'));
check(files.length > 10, 'the page scripts are found');
for (const file of files) {
  const code = fs.readFileSync(file, 'utf8');
  const name = path.relative(web, file);
  for (const [, key] of code.matchAll(/\bt\('([a-z0-9_.]+)'/g)) if (!(key in vi)) problems.push(`${name}: no string ${key}`);
  for (const [, key] of code.matchAll(/\bword\('([a-z0-9_.]+)'/g)) if (!(`report.${key}` in vi)) problems.push(`${name}: no string report.${key}`);
  for (const [, key] of code.matchAll(/'((?:nav)\.[a-z_]+)'/g)) if (!(key in vi)) problems.push(`${name}: no string ${key}`);
  // Text handed straight to the page must come from t(), pick() or the server, never a literal
  // with letters in it (a Vietnamese or English word in code).
  for (const line of code.split('\n')) {
    if (/^\s*\/\//.test(line)) continue;
    if (/\bh\('[a-z0-9]+', \{[^}]*\}, '[^']*\p{L}{2,}/u.test(line)) problems.push(`${name}: literal text in ${line.trim()}`);
    if (/textContent = '[^']*\p{L}/u.test(line)) problems.push(`${name}: literal text in ${line.trim()}`);
    if (/innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(line)) problems.push(`${name}: HTML from a string in ${line.trim()}`);
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`i18n: ${Object.keys(vi).length} strings in both languages; ${files.length} scripts checked`);
