# syntax=docker/dockerfile:1
#
# One image for every Civic Hub service. The service is chosen by the command:
#
#   node tools/run.js api            public HTTP API on :8080
#   node tools/run.js case-service   Kafka consumer + outbox relay
#   node tools/run.js indexer        Kafka consumer -> OpenSearch
#   node tools/run.js migrate        database migrations, then exits (one-shot)
#
# Build:  docker build -t civic-hub:local .
# Run:    docker run --rm -e DATABASE_URL=... civic-hub:local node tools/run.js migrate
#
# Configuration comes only from the environment (DATABASE_URL, KAFKA_BROKERS, SEARCH_URL, HUB_ENV,
# HUB_JWT_SECRET, ...); nothing secret is baked into the image.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------------
# 1. build: all dependencies (dev included) and the TypeScript compile into dist/
# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# onnxruntime-node's CPU binaries are in its package; its install script would fetch CUDA ones (npm 11
# honours package.json's allowScripts; older npm reads this variable).
ENV ONNXRUNTIME_NODE_INSTALL=skip
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
# .dockerignore keeps the host's node_modules, dist, caches and VCS data out of the context.
COPY . .
RUN npm run build

# ---------------------------------------------------------------------------------------------------
# 2. prod-deps: production dependencies only, installed from the same lockfile
# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
ENV ONNXRUNTIME_NODE_INSTALL=skip
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# ---------------------------------------------------------------------------------------------------
# 3. runtime: compiled code + production node_modules, run as the unprivileged `node` user
# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# tini as PID 1 forwards SIGTERM to node and reaps zombies, so `docker stop` and Kubernetes pod
# termination shut the services down promptly.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080

WORKDIR /app
# Files stay owned by root: the service user can read the code but not change it.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/tools ./tools
# Reference data the seed steps load (unit directory, policy registry, classifier corpus).
COPY --from=build /app/deploy/seed ./deploy/seed
COPY --from=build /app/libs/triage/data ./libs/triage/data
# The tsconfig files are tiny; they are kept in case tools/run.js maps the @hub/* path aliases
# (tsconfig-paths) onto dist/ at runtime.
COPY --from=build /app/package.json /app/tsconfig.json /app/tsconfig.base.json ./

# `node` (uid/gid 1000) comes with the official Node.js image. Kubernetes manifests set
# runAsUser: 1000 explicitly because runAsNonRoot cannot verify a user given by name.
USER node

EXPOSE 8080
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "tools/run.js", "api"]
