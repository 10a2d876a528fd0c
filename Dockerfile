# syntax=docker/dockerfile:1
# One image for every app; the command chooses which one runs:
#   docker run fangfanpin node dist/apps/<name>/src/main.js      (households, monitoring, rules, notifier, …)
# Configuration comes from the environment only (see apps/*/src/config.ts).

# Node.js 24 LTS, pinned to the version deploy/local/node.sh installs for local runs and tests
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

# ---- all dependencies (for the TypeScript build) ------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund --loglevel=error

# ---- build: tsc + tsc-alias -> dist/ ------------------------------------------------------
FROM deps AS build
# .dockerignore keeps node_modules, dist, .local, .git out of the context
COPY . .
RUN npm run build

# ---- production dependencies only ---------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund --loglevel=error

# ---- runtime ------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# files stay root-owned (read-only for the app user)
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# the base image's unprivileged "node" user, numeric so Kubernetes runAsNonRoot can verify it
USER 1000:1000
# No HEALTHCHECK: compose and Kubernetes probe GET /health/live and /health/ready.
# No default app: the command must name one.
CMD ["node", "-e", "console.error('choose an app: node dist/apps/<name>/src/main.js'); process.exit(2)"]
