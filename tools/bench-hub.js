// `node tools/bench-hub.js <name> <port> <target> [--keep-db] [args…]`: runs a bench target of tools/run.js
// against a separate hub started with e2e/hub-process.js (the same helper the end-to-end tier and the
// pipeline bench use): database hub_test_<name>, its own topic and index prefixes, HTTP port <port>.
// The hub serves a copy of the built web app (dist/web), so a rebuild during the run cannot take the
// pages' script files away from under the browser.
// The target gets the hub's environment, BENCH_HUB_URL and BENCH_PIDS (name:pid of each service). Afterwards the hub is stopped, its topics,
// consumer groups and search indices deleted, and its database dropped (kept with --keep-db).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startHub, stopHub, cleanUp } = require('../e2e/hub-process');

async function dropDatabase(url) {
  const { Client } = require('pg');
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!name.startsWith('hub_test')) throw new Error(`refusing to drop ${name}`);
  u.pathname = '/postgres';
  const db = new Client({ connectionString: u.toString() });
  await db.connect();
  try {
    await db.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await db.end();
  }
}

(async () => {
  const [name, port, target, ...rest] = process.argv.slice(2);
  if (!name || !Number(port) || !target) {
    console.error('usage: node tools/bench-hub.js <name> <port> <target> [--keep-db] [args…]');
    process.exit(2);
  }
  const keepDb = rest.includes('--keep-db');
  const args = rest.filter((a) => a !== '--keep-db');
  const web = fs.mkdtempSync(path.join(os.tmpdir(), `hub-${name}-web-`));
  fs.cpSync(path.join(__dirname, '..', 'dist', 'web'), web, { recursive: true, preserveTimestamps: true });
  process.env.WEB_APP_DIR = web;
  const hub = await startHub(name, Number(port));
  let code = 1;
  try {
    const r = spawnSync('node', ['tools/run.js', target, ...args], {
      stdio: 'inherit',
      env: {
        ...process.env,
        ...hub.env,
        WEB_APP_DIR: web,
        BENCH_HUB_URL: hub.url,
        BENCH_PIDS: hub.procs.map((p) => `${p.name}:${p.pid}`).join(','),
      },
    });
    code = r.status ?? 1;
  } finally {
    await stopHub(hub);
    await cleanUp(hub.env);
    if (keepDb) process.stderr.write(`bench: database kept for inspection: ${hub.env.DATABASE_URL}\n`);
    else await dropDatabase(hub.env.DATABASE_URL);
    fs.rmSync(web, { recursive: true, force: true });
  }
  process.exit(code);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
