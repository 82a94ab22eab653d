// Starts a separate hub for the benchmark, runs bench/skeleton.bench.ts against it, stops it.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startHub, stopHub, cleanUp } = require('../e2e/hub-process');

(async () => {
  const hub = await startHub('bench', Number(process.env.BENCH_HTTP_PORT || 18090));
  let code = 1;
  try {
    const infraPid = (name) => {
      try {
        return fs
          .readFileSync(path.join(__dirname, '..', '.cache', 'infra', 'run', `${name}.pid`), 'utf8')
          .trim();
      } catch {
        return null;
      }
    };
    const pids = [
      ...hub.procs.map((p) => `${p.name}:${p.pid}`),
      ...['kafka', 'search']
        .map((n) => (infraPid(n) ? `${n === 'search' ? 'opensearch' : n}:${infraPid(n)}` : null))
        .filter(Boolean),
    ].join(',');
    const r = spawnSync('node', ['tools/run.js', 'bench', ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, ...hub.env, BENCH_HUB_URL: hub.url, BENCH_PIDS: pids },
    });
    code = r.status ?? 1;
  } finally {
    await stopHub(hub);
    await cleanUp(hub.env);
  }
  process.exit(code);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
