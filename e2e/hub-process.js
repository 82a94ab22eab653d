// Starts and stops the built hub for the end-to-end tier: its own database, topic and index prefix
// and HTTP port, so a running demo is never disturbed. Used by global-setup/-teardown and the bench.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
// The intake service is not started here: the hotline spec starts, kills and restarts its own.
const SERVICES = ['case-service', 'indexer', 'triage', 'clusterer', 'api'];

function hubEnv(name, port) {
  const run = process.env.HUB_TEST_RUN || `r${Date.now().toString(36)}`;
  return {
    HUB_ENV: 'test',
    DATABASE_URL: process.env.HUB_E2E_DATABASE_URL || `postgres://postgres@127.0.0.1:5432/hub_test_${name}`,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS || '127.0.0.1:9092',
    SEARCH_URL: process.env.SEARCH_URL || 'http://127.0.0.1:9200',
    HUB_TOPIC_PREFIX: `test-${run}-${name}.`,
    SEARCH_INDEX_PREFIX: `test-${run}-${name}-`,
    HTTP_PORT: String(port),
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'log',
    NO_COLOR: '1',
    BOARD_RATE_LIMIT_PER_MINUTE: process.env.BOARD_RATE_LIMIT_PER_MINUTE || '0',
    SLA_POLL_MS: '500',
    TRIAGE_DIRECTORY_TTL_MS: '1000',
  };
}

async function waitHealthy(url, procs, logs, timeoutMs = 90000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const p of procs) {
      if (p.exitCode !== null) throw new Error(`${p.name} exited with ${p.exitCode}:\n${tail(logs[p.name])}`);
    }
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`hub not healthy at ${url} within ${timeoutMs} ms:\n${tail(logs.api)}`);
}

function tail(file) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Fresh database, migrations, the three services; resolves when /health answers 200. */
async function startHub(name, port) {
  const hubOnly = hubEnv(name, port); // once: the run id in the prefixes comes from the clock
  const env = { ...process.env, ...hubOnly };
  const logDir = path.join(ROOT, '.cache', 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  execFileSync('node', ['-e', dropDb, env.DATABASE_URL], { cwd: ROOT, stdio: 'inherit' });
  execFileSync('node', ['tools/run.js', 'migrate'], { cwd: ROOT, env, stdio: 'inherit' });
  execFileSync('node', ['tools/run.js', 'seed-directory'], { cwd: ROOT, env, stdio: 'inherit' });
  execFileSync('node', ['tools/run.js', 'seed-classifier'], { cwd: ROOT, env, stdio: 'inherit' });
  const logs = {};
  const procs = SERVICES.map((svc) => {
    logs[svc] = path.join(logDir, `${name}${process.env.E2E_LOG_TAG ?? ''}-${svc}.log`);
    const out = fs.openSync(logs[svc], 'w');
    const p = spawn('node', ['tools/run.js', svc], { cwd: ROOT, env, stdio: ['ignore', out, out] });
    p.name = svc;
    return p;
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, procs, logs);
  } catch (e) {
    await stopHub({ procs });
    throw e;
  }
  return { url, env: hubOnly, procs, logs };
}

/** SIGTERM (graceful shutdown), SIGKILL after 15 s. */
async function stopHub(hub) {
  await Promise.all(
    hub.procs.map(
      (p) =>
        new Promise((resolve) => {
          if (p.exitCode !== null) return resolve();
          const timer = setTimeout(() => p.kill('SIGKILL'), 15000);
          p.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          p.kill('SIGTERM');
        }),
    ),
  );
}

const dropDb = `
const { Client } = require('pg');
const url = new URL(process.argv[1]); const name = url.pathname.slice(1);
if (!name.startsWith('hub_test')) throw new Error('refusing to drop ' + name);
url.pathname = '/postgres';
const c = new Client({ connectionString: url.toString() });
c.connect().then(() => c.query('DROP DATABASE IF EXISTS "' + name + '" WITH (FORCE)')).then(() => c.end());
`;

/** Deletes the run's topics, consumer groups and search indices. */
async function cleanUp(env) {
  const { Kafka, logLevel } = require('kafkajs');
  const kafka = new Kafka({
    clientId: 'e2e-cleanup',
    brokers: env.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(env.HUB_TOPIC_PREFIX));
    if (topics.length) await admin.deleteTopics({ topics });
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(env.HUB_TOPIC_PREFIX));
    if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
  await fetch(`${env.SEARCH_URL}/${env.SEARCH_INDEX_PREFIX}*`, { method: 'DELETE' }).catch(() => undefined);
}

module.exports = { startHub, stopHub, cleanUp };
