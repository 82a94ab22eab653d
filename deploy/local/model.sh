#!/usr/bin/env bash
# The clusterer's sentence-embedding model (bge-small-zh-v1.5, int8 ONNX, 24 MB), fetched once from
# Maven Central with the machine's Maven and checked against pinned SHA-256 sums:
#   model.sh fetch    fetch and unpack it if missing (idempotent; prints the model folder)
#   model.sh path     print the model folder, exit 1 when it is not there yet
# Folder: HUB_MODEL_DIR, default <repo>/.cache/models/bge-small-zh-v1.5-q (git-ignored), holding
# model.onnx and tokenizer.json. The services read it from HUB_EMBEDDING_MODEL_DIR (same default).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DIR=${HUB_MODEL_DIR:-$ROOT/.cache/models/bge-small-zh-v1.5-q}
JAR=langchain4j-embeddings-bge-small-zh-v15-q-1.11.0-beta19.jar
MODEL_SHA=15b717c382bcb518ba457b93ea6850ede7f4f1cd8937454aa06972366cd19bcc
TOKENIZER_SHA=48cea5d44424912a6fd1ea647bf4fe50b55ab8b1e5879c3275f80e339e8fae26

log() { echo "[model] $*" >&2; }
die() { echo "[model] error: $*" >&2; exit 1; }
ok() {
  [[ -f $DIR/model.onnx && -f $DIR/tokenizer.json ]] &&
    [[ $(sha256sum "$DIR/model.onnx" | cut -d' ' -f1) == "$MODEL_SHA" ]] &&
    [[ $(sha256sum "$DIR/tokenizer.json" | cut -d' ' -f1) == "$TOKENIZER_SHA" ]]
}

fetch() {
  if ok; then echo "$DIR"; return; fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven (apt-get install maven) to fetch the embedding model"
  command -v unzip >/dev/null 2>&1 || die "unzip not found: apt-get install unzip"
  mkdir -p "$DIR"
  local tmp
  tmp=$(mktemp -d)
  log "fetching the embedding model from Maven Central (first run only)…"
  if ! mvn -B -q -f "$HERE/model/pom.xml" dependency:copy-dependencies -DoutputDirectory="$tmp" >"$tmp/fetch.log" 2>&1; then
    tail -n 20 "$tmp/fetch.log" >&2
    die "could not fetch $JAR (log above)"
  fi
  unzip -q -o -j "$tmp/$JAR" bge-small-zh-v1.5-q.onnx bge-small-zh-v1.5-q-tokenizer.json -d "$tmp/x"
  mv "$tmp/x/bge-small-zh-v1.5-q.onnx" "$DIR/model.onnx"
  mv "$tmp/x/bge-small-zh-v1.5-q-tokenizer.json" "$DIR/tokenizer.json"
  rm -rf "$tmp"
  ok || die "checksum mismatch in $DIR: delete it and run again"
  log "model ready in $DIR"
  echo "$DIR"
}

case ${1:-} in
  fetch) fetch ;;
  path) ok && echo "$DIR" || { echo "[model] not fetched: bash deploy/local/model.sh fetch" >&2; exit 1; } ;;
  *) echo "usage: model.sh fetch|path" >&2; exit 2 ;;
esac
