// The contract check: every exchange the API tests recorded (tests/api/harness.cpp with
// LANGNGHE_RECORD_EXCHANGES, one JSON line each: method, path, status, content type, headers,
// body) against the served description (served_description.mjs). For each exchange: its
// operation exists (an unknown /api/ address must have been refused with 404 or 405), its status
// is declared, its content type is one the response declares, its body is valid against the
// declared schema (ajv), and 429/503 carry Retry-After. Exits 1 listing every broken exchange.
//   node check_exchanges.mjs <description.json> <exchanges folder>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.resolve(here, '../../package.json'));
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const [descriptionFile, folder] = process.argv.slice(2);
if (!descriptionFile || !folder) throw new Error('usage: check_exchanges.mjs <description> <folder>');
const description = JSON.parse(fs.readFileSync(descriptionFile, 'utf8'));

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(description, 'openapi');
const pointer = (...parts) => parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
const validators = new Map();
function validatorFor(template, method, status, type) {
  const key = `${template} ${method} ${status} ${type}`;
  if (!validators.has(key)) {
    const ref = `openapi#/${pointer('paths', template, method, 'responses', status, 'content', type, 'schema')}`;
    validators.set(key, ajv.compile({ $ref: ref }));
  }
  return validators.get(key);
}

// Templates with their segments; on a tie, the one with more fixed segments wins
// (/units/import before /units/{id}).
const templates = Object.keys(description.paths).map((t) => ({ t, segments: t.split('/') }));
function templateOf(urlPath) {
  const segments = urlPath.split('/');
  let best = null;
  let bestFixed = -1;
  for (const { t, segments: ts } of templates) {
    if (ts.length !== segments.length) continue;
    let fixed = 0;
    let ok = true;
    for (let i = 0; i < ts.length && ok; ++i) {
      if (ts[i].startsWith('{')) ok = segments[i].length > 0;
      else if (ts[i] === segments[i]) ++fixed;
      else ok = false;
    }
    if (ok && fixed > bestFixed) { best = t; bestFixed = fixed; }
  }
  return best;
}

const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.jsonl')) : [];
const counts = { sqlite: 0, postgresql: 0 };
const tally = { checked: 0, bodies: 0, undescribed: 0, unknownRefused: 0, testHooks: 0, notApi: 0, framing: 0 };
const errorValidator = ajv.compile({ $ref: 'openapi#/components/schemas/Error' });
const exercised = new Set();
const undescribed = new Map();
const failures = [];
for (const file of files.sort()) {
  const backend = file.split('.')[0];
  const lines = fs.readFileSync(path.join(folder, file), 'utf8').split('\n').filter(Boolean);
  for (const line of lines) {
    const x = JSON.parse(line);
    counts[backend] = (counts[backend] || 0) + 1;
    const urlPath = x.path.split('?')[0].split('#')[0];
    const fail = (what) => failures.push(`${file}: ${x.method} ${x.path} → ${x.status}: ${what}`);
    if (urlPath.startsWith('/__test/')) { tally.testHooks++; continue; }
    // Refused while reading the request, before any operation (the description's info says so):
    // headers too large, an unknown method or transfer coding. The body is still the Error shape.
    if (x.status === 431 || x.status === 501) {
      tally.framing++;
      let error;
      try { error = JSON.parse(x.body); } catch { fail('a refusal whose body is not JSON'); continue; }
      if (!errorValidator(error)) fail(`a refusal not in the Error shape: ${ajv.errorsText(errorValidator.errors)}`);
      continue;
    }
    const template = templateOf(urlPath);
    const method = x.method === 'HEAD' ? 'get' : x.method.toLowerCase();
    const operation = template && description.paths[template][method];
    if (!operation) {
      if (!urlPath.startsWith('/api/')) { tally.notApi++; continue; }
      if (x.status === 404 || x.status === 405 || x.status === 400) { tally.unknownRefused++; continue; }
      fail('no operation in the description for this method and address');
      continue;
    }
    tally.checked++;
    exercised.add(`${method.toUpperCase()} ${template}`);
    const status = String(x.status);
    const response = operation.responses[status] || operation.responses[`${status[0]}XX`]
      || operation.responses.default;
    if (!response) { fail(`status ${status} is not declared (declared: ${Object.keys(operation.responses).join(', ')})`); continue; }
    if ((x.status === 429 || x.status === 503) && !x.retry_after) fail('no Retry-After header');
    if (!x.request_id) fail('no X-Request-Id header');
    if (x.method === 'HEAD' || x.status === 204 || x.body === '') continue;
    const type = (x.content_type || '').split(';')[0].trim().toLowerCase();
    if (!response.content) {
      tally.undescribed++;
      undescribed.set(`${method.toUpperCase()} ${template} ${status}`, type);
      continue;
    }
    if (!response.content[type]) { fail(`content type ${type || '(none)'} is not declared (declared: ${Object.keys(response.content).join(', ')})`); continue; }
    if (type !== 'application/json') continue;
    let body;
    try { body = JSON.parse(x.body); } catch { fail('body is not JSON'); continue; }
    const validate = validatorFor(template, method, Object.keys(operation.responses).includes(status) ? status : `${status[0]}XX`, type);
    tally.bodies++;
    if (!validate(body)) fail(`body does not match its schema: ${ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 600)}`);
  }
}

let operations = 0;
let described = 0;
for (const [, item] of Object.entries(description.paths)) {
  for (const [, op] of Object.entries(item)) {
    operations++;
    const ok = Object.entries(op.responses).some(([s, r]) => s.startsWith('2') && (r.content || s === '204'));
    if (ok) described++;
  }
}
console.log(`exchanges: ${JSON.stringify(counts)}; checked ${tally.checked} against their operation, ` +
  `${tally.bodies} bodies validated, ${tally.undescribed} bodies of responses not described yet; ` +
  `${tally.unknownRefused} unknown /api/ addresses refused, ${tally.framing} refused before routing ` +
  `(431, 501), ${tally.testHooks} test hooks and ` +
  `${tally.notApi} pages or files skipped`);
console.log(`operations: ${exercised.size} of ${operations} exercised by the API tests; ` +
  `${described} of ${operations} describe their success body`);
if (undescribed.size) console.log(`responses sent but not described yet:\n  ${[...undescribed.keys()].sort().join('\n  ')}`);
if (!counts.sqlite || !counts.postgresql) failures.push(`exchanges from both backends are needed (folder ${folder})`);
if (failures.length) {
  const unique = [...new Set(failures)];
  console.log(`\n${unique.length} broken exchanges:\n${unique.slice(0, 200).join('\n')}`);
  process.exit(1);
}
console.log('every exchange fits the description');
