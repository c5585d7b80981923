# syntax=docker/dockerfile:1
#
# One image per process, from one Dockerfile, by target:
#   docker build --target gateway      -t invoice-ocr/gateway .
#   docker build --target ocr-worker   -t invoice-ocr/ocr-worker .
#   docker build --target segmentation -t invoice-ocr/segmentation .
#   docker build --target migrate      -t invoice-ocr/migrate .
# Everything is built in `build` (npm ci + npm run build); the runtime images hold only the
# production dependencies (npm ci --omit=dev: includes the tesseract eng/fra language data, so
# nothing is downloaded at run time), the compiled dist/ folders and the workspaces'
# package.json files (workspace packages @invoice/* resolve to their dist/ through `exports`).
# No secret is baked in: configuration comes from the environment at run time (see .env.example
# and k8s/). The containers run as the unprivileged `node` user and work with a read-only root
# filesystem as long as /tmp is writable (tmpfs / emptyDir): tesseract's language folder
# (TESSDATA_DIR) defaults to a folder under /tmp.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- package manifests only, so dependency layers are cached until a manifest changes --------
# Every workspace's package.json (npm ci needs all of them), whatever workspaces exist: the
# sources are copied, then everything but <apps|libs>/<name>/package.json is removed. BuildKit
# keys the next stage's COPY on content, so a source change does not invalidate `npm ci`.
FROM ${NODE_IMAGE} AS workspace-manifests
WORKDIR /src
COPY apps/ apps/
COPY libs/ libs/
RUN find apps libs -mindepth 2 -maxdepth 2 ! -name package.json -exec rm -rf {} +

FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=workspace-manifests /src/ ./

# ---- build: all dependencies, TypeScript compiled with tsc -b ----------------------------------
FROM manifests AS build
# onnxruntime-node ships its CPU binaries in the package; its install step would only fetch optional GPU ones.
ENV ONNXRUNTIME_NODE_INSTALL=skip
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY nx.json tsconfig.base.json tsconfig.json ./
COPY apps/ apps/
COPY libs/ libs/
RUN npm run build

# ---- production dependencies only ---------------------------------------------------------------
FROM manifests AS prod-deps
ENV ONNXRUNTIME_NODE_INSTALL=skip
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# ---- runtime base: production deps + compiled code, non-root -----------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# node_modules (with the @invoice/* workspace links) and every package.json, owned by root:
# the app user can read but not change its code.
COPY --from=prod-deps /app/ ./
COPY --from=build /app/libs/config/dist/ libs/config/dist/
COPY --from=build /app/libs/contracts/dist/ libs/contracts/dist/
COPY --from=build /app/libs/database/dist/ libs/database/dist/
COPY --from=build /app/libs/einvoice/dist/ libs/einvoice/dist/
COPY --from=build /app/libs/extraction/dist/ libs/extraction/dist/
COPY --from=build /app/libs/monitoring/dist/ libs/monitoring/dist/
COPY --from=build /app/libs/ocr/dist/ libs/ocr/dist/
COPY --from=build /app/libs/segmentation/dist/ libs/segmentation/dist/
COPY --from=build /app/apps/gateway/dist/ apps/gateway/dist/
COPY --from=build /app/apps/ocr-worker/dist/ apps/ocr-worker/dist/
COPY --from=build /app/apps/segmentation/dist/ apps/segmentation/dist/
# The `node` user of the official image (uid/gid 1000).
USER 1000:1000

# ---- migrations: one-shot (creates the database if missing, applies migrations, advisory lock) --
FROM runtime AS migrate
CMD ["node", "libs/database/dist/migrate.cli.js"]

# ---- OCR worker: no API, health and metrics on :9464 -------------------------------------------
FROM runtime AS ocr-worker
ENV PORT=9464
EXPOSE 9464
# Slim images have no curl: a node one-liner with fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 9464) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: stop taking jobs, finish the ones in hand, exit (give it time: stop_grace_period / terminationGracePeriodSeconds).
STOPSIGNAL SIGTERM
CMD ["node", "apps/ocr-worker/dist/main.js"]

# ---- segmentation: BullMQ consumer of the `segmentation` queue, no API, health and metrics on :9465
# Upserts one BullMQ job scheduler (SEGMENTATION_CRON): any number of replicas run each tick once.
FROM runtime AS segmentation
ENV PORT=9465
EXPOSE 9465
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 9465) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: the BullMQ worker closes after the run in hand (terminationGracePeriodSeconds / stop_grace_period).
STOPSIGNAL SIGTERM
CMD ["node", "apps/segmentation/dist/main.js"]

# ---- gateway: HTTP API on :3000 (last stage: the default target) -------------------------------
FROM runtime AS gateway
# The web app, bundled by Vite (its dependencies are build-time only); served at / by the gateway.
COPY --from=build /app/apps/web/dist/ apps/web/dist/
ENV PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "apps/gateway/dist/main.js"]
