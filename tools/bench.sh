#!/usr/bin/env bash
# `npm run bench [-- --messages N --concurrency C]` (the pipeline), `npm run bench -- triage` (the classifier),
# `npm run bench -- deadlines` (the deadline engine) or `npm run bench -- clustering` (recurring questions).
# The pipeline bench first runs the offline deadline and clustering benches, then starts a separate hub instance (own port,
# database hub_test_bench, topic and index prefix), runs bench/skeleton.bench.ts against it with
# same-run baselines, then stops it. Infrastructure is reused if running, else started and stopped.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export NO_COLOR=1 KAFKAJS_NO_PARTITIONER_WARNING=1 HUB_TEST_RUN=${HUB_TEST_RUN:-b$(date +%s)}
[[ -d node_modules ]] || npm ci --no-audit --no-fund
# `npm run bench -- triage`: the classifier alone, offline.
if [[ ${1:-} == triage ]]; then exec node tools/run.js bench-triage; fi
# `npm run bench -- deadlines`: the deadline engine alone, offline.
if [[ ${1:-} == deadlines ]]; then exec node tools/run.js bench-deadlines; fi
# `npm run bench -- clustering`: recurring-question clustering alone, offline.
if [[ ${1:-} == clustering ]]; then exec node tools/run.js bench-clustering; fi
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
started=0
if ! { port_open 9092 && port_open 9200; }; then started=1; bash deploy/local/infra.sh up; fi
trap '((started)) && bash deploy/local/infra.sh down' EXIT
npm run --silent build
# `npm run bench -- pages [--cases 10000 --runs 5 --keep-db]`: page loads in Chromium with 10,000 cases, on its own hub
# (port 18091, database hub_test_pages, dropped afterwards unless --keep-db). Slow: not part of the default run.
if [[ ${1:-} == pages ]]; then shift; node tools/bench-hub.js pages "${BENCH_PAGES_PORT:-18091}" bench-pages "$@"; exit; fi
node tools/run.js bench-deadlines
node tools/run.js bench-clustering
node tools/bench-run.js "$@"
echo "bench: page loads with 10,000 cases in a real browser are not part of this run: npm run bench -- pages" >&2
