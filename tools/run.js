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
  clusterer: 'apps/clusterer/src/main.js',
  'seed-classifier': 'tools/seed-classifier.js',
  'seed-directory': 'tools/seed-directory.js',
  cli: 'tools/cli.js',
  migrate: 'tools/migrate.js',
  'seed-demo': 'tools/seed-demo.js',
  bench: 'bench/skeleton.bench.js',
  'bench-triage': 'bench/triage.bench.js',
  'bench-deadlines': 'bench/deadlines.bench.js',
  'bench-clustering': 'bench/clustering.bench.js',
  'bench-pages': 'bench/pages.bench.js',
};

/**
 * Builds what is missing or older than its sources, as `npm run build` does: the services (tsc)
 * when a TypeScript source under apps/, libs/, tools/ or bench/ is newer than the last build; the
 * web app (vite, into dist/web) when dist/web is missing or a file under apps/web is newer.
 */
function ensureBuilt() {
  const stamp = path.join(dist, '.build-stamp');
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const web = path.join(root, 'apps', 'web');
  const newer = (dir, pattern) =>
    fs.existsSync(dir) &&
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name !== 'node_modules' && p !== web && newer(p, pattern);
      return pattern.test(e.name) && fs.statSync(p).mtimeMs > built;
    });
  const server =
    !built || ['apps', 'libs', 'tools', 'bench'].some((d) => newer(path.join(root, d), /\.(ts|json)$/));
  // Only where the web app's sources are (not in the runtime image, which ships dist/web built).
  const webApp =
    fs.existsSync(web) &&
    (!built ||
      !fs.existsSync(path.join(dist, 'web', 'index.html')) ||
      newer(web, /\.(ts|tsx|mts|json|html|css)$/));
  if (!server && !webApp) return;
  const run = (what, args) => {
    process.stderr.write(`[run] building (${what})…\n`);
    require('node:child_process').execFileSync(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', process.stderr, process.stderr],
    });
  };
  if (server) run('tsc', [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  if (webApp) {
    const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
    run('web app', [vite, 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn']);
  }
  fs.writeFileSync(stamp, '');
}

const [target, ...rest] = process.argv.slice(2);
if (!targets[target]) {
  console.error(`usage: node tools/run.js <${Object.keys(targets).join('|')}> [args…]`);
  process.exit(2);
}
/**
 * Fetches the clusterer's sentence-embedding model (deploy/local/model.sh) when a target needs it
 * and it is not there yet, as the build above: the clusterer (unless CLUSTER_EMBEDDINGS=off), the
 * clustering bench, and `cli cluster` (unless --words-only).
 */
function ensureModel() {
  const needs =
    (target === 'clusterer' && process.env.CLUSTER_EMBEDDINGS !== 'off') ||
    target === 'bench-clustering' ||
    (target === 'cli' && rest[0] === 'cluster' && !rest.includes('--words-only'));
  if (!needs || process.env.HUB_EMBEDDING_MODEL_DIR) return;
  if (fs.existsSync(path.join(root, '.cache', 'models', 'bge-small-zh-v1.5-q', 'model.onnx'))) return;
  require('node:child_process').execFileSync(
    'bash',
    [path.join(root, 'deploy', 'local', 'model.sh'), 'fetch'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', process.stderr],
    },
  );
}

const entry = path.join(dist, targets[target]);
ensureBuilt();
ensureModel();
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
require('tsconfig-paths').register({ baseUrl: dist, paths: compilerOptions.paths });
process.env.HUB_PROCESS_NAME ??= target;
process.argv = [process.argv[0], entry, ...rest];
require(entry);
