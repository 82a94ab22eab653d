#!/usr/bin/env bash
# Local infrastructure without Docker: a real Apache Kafka broker (KRaft, single node) and a real
# OpenSearch 2.19 node, both fetched from Maven Central with the machine's Java and Maven, plus the
# PostgreSQL that already runs on the machine.
#
#   infra.sh up       fetch what is missing, start what is not running, wait until healthy
#   infra.sh down     stop what this script started (never a service it found running)
#   infra.sh status   one line per service
#   infra.sh wipe     stop, then delete the local Kafka and OpenSearch data (jars are kept)
#
# Everything lives in a git-ignored cache folder (HUB_CACHE_DIR, default <repo>/.cache/infra):
# jars under */libs, data under */data, logs under */logs, pid files under run/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/deploy/local"
CACHE=${HUB_CACHE_DIR:-$ROOT/.cache/infra}
RUN="$CACHE/run"
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
SEARCH_URL=${SEARCH_URL:-http://127.0.0.1:9200}
SEARCH_PORT=${SEARCH_URL##*:}
SEARCH_PORT=${SEARCH_PORT%%/*}
KAFKA_HEAP=${HUB_KAFKA_HEAP:-768m}
SEARCH_HEAP=${HUB_SEARCH_HEAP:-1g}
WAIT_SECONDS=${HUB_INFRA_WAIT_SECONDS:-120}

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

java_bin() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then echo "$JAVA_HOME/bin/java"; return; fi
  command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17+ (e.g. apt-get install openjdk-17-jre-headless)"
  command -v java
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Fetches the jars of one component with Maven into $CACHE/<name>/libs, once per pom version.
fetch_jars() {
  local name=$1 pom="$HERE/$1/pom.xml" dest="$CACHE/$1/libs"
  local stamp="$dest/.pom.sha256" want
  want=$(sha256sum "$pom" | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then return 0; fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven (apt-get install maven) to fetch $name"
  log "fetching $name jars from Maven Central (first run only)…"
  rm -rf "$dest"; mkdir -p "$dest"
  if ! mvn -B -q -f "$pom" dependency:copy-dependencies -DoutputDirectory="$dest" >"$CACHE/$name/fetch.log" 2>&1; then
    tail -n 20 "$CACHE/$name/fetch.log" >&2
    die "could not fetch $name jars (log: $CACHE/$name/fetch.log)"
  fi
  echo "$want" >"$stamp"
}

wait_for() { # wait_for <what> <command…>: polls a command until it succeeds or WAIT_SECONDS pass
  local what=$1; shift
  local deadline=$((SECONDS + WAIT_SECONDS))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
  log "$what is up"
}

# ---------------------------------------------------------------- Kafka
kafka_ready() { port_open "$KAFKA_PORT" && grep -q "Kafka Server started" "$CACHE/kafka/logs/kafka.log" 2>/dev/null; }

kafka_up() {
  local pidf="$RUN/kafka.pid"
  if pid_alive "$pidf"; then log "kafka already running (pid $(cat "$pidf"))"; return 0; fi
  if port_open "$KAFKA_PORT"; then
    log "port $KAFKA_PORT is in use by a process this script did not start: using it as the Kafka broker"
    return 0
  fi
  port_open "$KAFKA_CONTROLLER_PORT" && die "port $KAFKA_CONTROLLER_PORT (Kafka controller) is taken by another process"
  fetch_jars kafka
  local java dir="$CACHE/kafka" cp props
  java=$(java_bin)
  cp="$dir/libs/*"
  props="$dir/server.properties"
  mkdir -p "$dir/data" "$dir/logs" "$RUN"
  sed "s|@DATA@|$dir/data|" "$HERE/kafka/server.properties.in" >"$props"
  local jopts=(-Xms256m "-Xmx$KAFKA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
    "-Dlog4j2.configurationFile=$HERE/kafka/log4j2.properties" "-Dkafka.logs.dir=$dir/logs")
  if [[ ! -f $dir/data/meta.properties ]]; then
    local cluster_id
    cluster_id=$("$java" "${jopts[@]}" -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    [[ $cluster_id =~ ^[A-Za-z0-9_-]{22}$ ]] || die "kafka StorageTool random-uuid printed '$cluster_id'"
    "$java" "${jopts[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$props" >>"$dir/logs/format.log" 2>&1 ||
      die "kafka storage format failed (log: $dir/logs/format.log)"
    log "formatted KRaft storage (cluster $cluster_id)"
  fi
  : >"$dir/logs/kafka.log"
  nohup "$java" "${jopts[@]}" -cp "$cp" kafka.Kafka "$props" >>"$dir/logs/kafka.log" 2>&1 &
  echo $! >"$pidf"
  wait_for "kafka on 127.0.0.1:$KAFKA_PORT" kafka_ready || { tail -n 30 "$dir/logs/kafka.log" >&2; die "kafka did not start within ${WAIT_SECONDS}s (log: $dir/logs/kafka.log)"; }
}

# ---------------------------------------------------------------- OpenSearch
search_ready() { curl -fsS -m 2 "$SEARCH_URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; }
search_is_opensearch() { curl -fsS -m 2 "$SEARCH_URL/" 2>/dev/null | grep -q '"distribution" *: *"opensearch"'; }

search_up() {
  local pidf="$RUN/search.pid"
  if pid_alive "$pidf"; then log "opensearch already running (pid $(cat "$pidf"))"; return 0; fi
  if port_open "$SEARCH_PORT"; then
    search_is_opensearch || die "port $SEARCH_PORT is taken by something that is not OpenSearch; free it (the hub never moves to another port)"
    log "port $SEARCH_PORT already serves OpenSearch started elsewhere: using it"
    return 0
  fi
  fetch_jars search
  local java dir="$CACHE/search"
  java=$(java_bin)
  mkdir -p "$dir/data/node_1/config" "$dir/logs" "$RUN"
  cp "$HERE/search/opensearch.yml" "$dir/data/node_1/config/opensearch.yml"
  # The runner gives node n the port baseHttpPort+n and silently moves on when a port is taken,
  # so we checked above that the port is free and check below that the node really took it.
  : >"$dir/logs/search.log"
  nohup "$java" "-Xms$SEARCH_HEAP" "-Xmx$SEARCH_HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.formatMsgNoLookups=true -cp "$dir/libs/*" org.codelibs.opensearch.runner.OpenSearchRunner \
    -basePath "$dir/data" -numOfNode 1 -baseHttpPort $((SEARCH_PORT - 1)) -clusterName civic-hub \
    -printOnFailure >>"$dir/logs/search.log" 2>&1 &
  echo $! >"$pidf"
  wait_for "opensearch on $SEARCH_URL" search_ready || { tail -n 30 "$dir/logs/search.log" >&2; die "opensearch did not become healthy within ${WAIT_SECONDS}s (log: $dir/logs/search.log)"; }
  grep -q "bound_addresses {127.0.0.1:$SEARCH_PORT}" "$dir/logs/search.log" ||
    die "opensearch did not bind 127.0.0.1:$SEARCH_PORT (log: $dir/logs/search.log)"
}

# ---------------------------------------------------------------- PostgreSQL (already on the machine)
pg_up() {
  if port_open 5432; then log "postgresql is up on 127.0.0.1:5432"; return 0; fi
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    log "postgresql is not listening: trying to start the machine's cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -n 1)" main start || true
  fi
  wait_for "postgresql on 127.0.0.1:5432" port_open 5432 || die "PostgreSQL is not reachable on 127.0.0.1:5432 (DATABASE_URL)"
}

# ---------------------------------------------------------------- stop
stop_pid() { # stop_pid <name>: SIGTERM (clean shutdown), SIGKILL after 40 s
  local name=$1 pidf="$RUN/$1.pid" pid i
  pid_alive "$pidf" || { rm -f "$pidf"; return 0; }
  pid=$(cat "$pidf")
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "$name did not stop in 40 s: killing"; kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$pidf"
  log "$name stopped"
}

status() {
  local s
  for s in kafka search; do
    if pid_alive "$RUN/$s.pid"; then echo "$s: running (pid $(cat "$RUN/$s.pid"), started by infra.sh)"
    else echo "$s: not started by infra.sh"; fi
  done
  port_open "$KAFKA_PORT" && echo "kafka port $KAFKA_PORT: open" || echo "kafka port $KAFKA_PORT: closed"
  search_ready && echo "search $SEARCH_URL: healthy" || echo "search $SEARCH_URL: not answering"
  port_open 5432 && echo "postgresql 127.0.0.1:5432: open" || echo "postgresql 127.0.0.1:5432: closed"
}

cmd=${1:-status}
case "$cmd" in
  up)
    mkdir -p "$RUN"
    pg_up
    # Start both JVMs before waiting on either: they boot in parallel.
    (kafka_up) & k=$!
    (search_up) & s=$!
    rc=0; wait $k || rc=1; wait $s || rc=1
    ((rc == 0)) || die "infrastructure did not come up"
    ;;
  down) stop_pid kafka; stop_pid search ;;
  status) status ;;
  wipe) stop_pid kafka; stop_pid search; rm -rf "$CACHE/kafka/data" "$CACHE/search/data"; log "local kafka and search data deleted" ;;
  *) die "usage: infra.sh up|down|status|wipe" ;;
esac
