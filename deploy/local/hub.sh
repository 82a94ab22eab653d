#!/usr/bin/env bash
# Brings the whole hub up on this machine without Docker, or down again.
#
#   hub.sh up       install npm packages if missing, start Kafka/OpenSearch (infra.sh), build,
#                   migrate, start the services in the background, seed demo data (HUB_ENV=local),
#                   and return when the public URL is healthy
#   hub.sh down     stop the services, then the infrastructure this project started
#   hub.sh status   what runs
#
# Logs: .cache/logs/<service>.log; pid files: .cache/run/<service>.pid.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
RUN="$ROOT/.cache/run"
LOGS="$ROOT/.cache/logs"
SERVICES=(case-service indexer intake triage clusterer api)
export HUB_ENV=${HUB_ENV:-local}
export HTTP_PORT=${HTTP_PORT:-8080}
export HUB_URL=${HUB_URL:-http://127.0.0.1:$HTTP_PORT}
export NO_COLOR=1

log() { printf '[hub] %s\n' "$*" >&2; }
die() { printf '[hub] ERROR: %s\n' "$*" >&2; exit 1; }
pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
healthy() { curl -fsS -m 5 "$HUB_URL/health" >/dev/null 2>&1; }

start_service() {
  local svc=$1 pidf="$RUN/$1.pid"
  if pid_alive "$pidf"; then log "$svc already running (pid $(cat "$pidf"))"; return 0; fi
  nohup node tools/run.js "$svc" >>"$LOGS/$svc.log" 2>&1 &
  echo $! >"$pidf"
  log "$svc started (pid $!, log .cache/logs/$svc.log)"
}

stop_service() {
  local svc=$1 pidf="$RUN/$1.pid" pid i
  pid_alive "$pidf" || { rm -f "$pidf"; return 0; }
  pid=$(cat "$pidf")
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidf"
  log "$svc stopped"
}

up() {
  mkdir -p "$RUN" "$LOGS"
  [[ -d node_modules ]] || { log "installing npm packages (npm ci)…"; npm ci --no-audit --no-fund; }
  bash deploy/local/infra.sh up
  [[ ${CLUSTER_EMBEDDINGS:-on} == off ]] || bash deploy/local/model.sh fetch >/dev/null
  node tools/run.js migrate
  node tools/run.js seed-directory
  node tools/run.js seed-classifier
  if ! pid_alive "$RUN/api.pid" && port_open "$HTTP_PORT"; then
    die "port $HTTP_PORT is taken by another process; stop it or set HTTP_PORT"
  fi
  local svc
  for svc in "${SERVICES[@]}"; do start_service "$svc"; done
  local deadline=$((SECONDS + 120))
  until healthy; do
    ((SECONDS < deadline)) || { tail -n 20 "$LOGS/api.log" >&2; die "the hub is not healthy at $HUB_URL/health after 120 s"; }
    for svc in "${SERVICES[@]}"; do
      pid_alive "$RUN/$svc.pid" || { tail -n 30 "$LOGS/$svc.log" >&2; die "$svc exited (log: .cache/logs/$svc.log)"; }
    done
    sleep 0.5
  done
  if [[ $HUB_ENV == local ]]; then node tools/run.js seed-demo; fi
  log "the hub is up: $HUB_URL (OpenAPI: $HUB_URL/api/docs, health: $HUB_URL/health)"
}

down() {
  local svc
  for svc in api clusterer triage intake indexer case-service; do stop_service "$svc"; done
  bash deploy/local/infra.sh down
}

status() {
  local svc
  for svc in "${SERVICES[@]}"; do
    if pid_alive "$RUN/$svc.pid"; then echo "$svc: running (pid $(cat "$RUN/$svc.pid"))"; else echo "$svc: stopped"; fi
  done
  healthy && echo "hub $HUB_URL: healthy" || echo "hub $HUB_URL: not healthy"
  bash deploy/local/infra.sh status
}

case "${1:-status}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) die "usage: hub.sh up|down|status" ;;
esac
