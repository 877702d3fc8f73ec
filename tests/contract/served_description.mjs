// Writes the description a fresh `langnghe serve` (LANGNGHE_BIN, empty SQLite database, no demo
// data, no test hooks) serves at /openapi.json to the file named by the first argument, for the
// linters and the contract check.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const out = process.argv[2];
if (!out) throw new Error('usage: served_description.mjs <out.json>');
const bin = process.env.LANGNGHE_BIN;
if (!bin) throw new Error('LANGNGHE_BIN is not set');

const port = await new Promise((resolve, reject) => {
  const probe = net.createServer();
  probe.on('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port: p } = probe.address();
    probe.close(() => resolve(p));
  });
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'langnghe-contract-'));
const log = fs.openSync(path.join(dir, 'server.log'), 'w');
const child = spawn(bin, ['serve', '--listen', `127.0.0.1:${port}`,
  '--db', `sqlite:${path.join(dir, 'langnghe.db')}`, '--drain-seconds', '0'],
{ stdio: ['ignore', log, log] });
const url = `http://127.0.0.1:${port}`;
try {
  let description = null;
  for (const deadline = Date.now() + 30000; Date.now() < deadline && !description;) {
    if (child.exitCode !== null) throw new Error(`langnghe exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/openapi.json`);
      if (response.ok) description = await response.json();
    } catch { /* not listening yet */ }
    if (!description) await new Promise((r) => setTimeout(r, 100));
  }
  if (!description) throw new Error('no description within 30 s');
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(description, null, 1));
  console.log(`wrote ${out}: ${Object.keys(description.paths).length} paths`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => { child.once('exit', r); setTimeout(r, 5000); });
  fs.rmSync(dir, { recursive: true, force: true });
}
