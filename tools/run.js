#!/usr/bin/env node
// Runs a compiled entry point of the hub: `node tools/run.js <target> [args…]`.
// Targets: api, case-service, indexer (the services), migrate (create the database if needed and
// apply migrations), seed-demo (post the demo messages through the public API), bench.
// The workspace aliases (@hub/*) are resolved against dist/ with tsconfig-paths.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const targets = {
  api: 'apps/api/src/main.js',
  'case-service': 'apps/case-service/src/main.js',
  indexer: 'apps/indexer/src/main.js',
  intake: 'apps/intake/src/main.js',
  triage: 'apps/triage/src/main.js',
  'seed-classifier': 'tools/seed-classifier.js',
  'seed-directory': 'tools/seed-directory.js',
  cli: 'tools/cli.js',
  migrate: 'tools/migrate.js',
  'seed-demo': 'tools/seed-demo.js',
  bench: 'bench/skeleton.bench.js',
  'bench-triage': 'bench/triage.bench.js',
  'bench-deadlines': 'bench/deadlines.bench.js',
};

/** Compiles (tsc) when dist/ is missing or a TypeScript source is newer than the last build. */
function ensureBuilt() {
  const stamp = path.join(dist, '.build-stamp');
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const newer = (dir) =>
    fs.existsSync(dir) &&
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name !== 'node_modules' && newer(p);
      return /\.(ts|json)$/.test(e.name) && fs.statSync(p).mtimeMs > built;
    });
  if (built && !['apps', 'libs', 'tools', 'bench'].some((d) => newer(path.join(root, d)))) return;
  process.stderr.write('[run] building (tsc)…\n');
  require('node:child_process').execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: ['ignore', process.stderr, process.stderr],
    },
  );
  fs.writeFileSync(stamp, '');
}

const [target, ...rest] = process.argv.slice(2);
if (!targets[target]) {
  console.error(`usage: node tools/run.js <${Object.keys(targets).join('|')}> [args…]`);
  process.exit(2);
}
const entry = path.join(dist, targets[target]);
ensureBuilt();
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
require('tsconfig-paths').register({ baseUrl: dist, paths: compilerOptions.paths });
process.env.HUB_PROCESS_NAME ??= target;
process.argv = [process.argv[0], entry, ...rest];
require(entry);
