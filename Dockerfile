# syntax=docker/dockerfile:1
# Multi-stage build: compile TypeScript with dev dependencies, ship only runtime files.
# Node 22 LTS in both stages (Node 20 reached end of life on 2026-04-30); package.json "engines"
# keeps Node 20.10+ for development machines. Both stages must use the same major version: the
# better-sqlite3 addon is compiled (or fetched prebuilt) for the ABI of the build stage's Node.
ARG NODE_IMAGE=node:22-bookworm-slim
FROM ${NODE_IMAGE} AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY types ./types
COPY src ./src
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY config ./config
RUN mkdir -p /var/lib/redline && chown node:node /var/lib/redline
USER node
EXPOSE 9740
# Liveness only (/healthz): /readyz answers 503 while the state store refuses writes or polling
# has stalled, which a restart would not mend; alert on redline_ready instead. On a fatal error
# the process exits non-zero (70): run it with a restart policy (--restart=unless-stopped).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:9740/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/redline.js"]
VOLUME ["/etc/redline", "/var/lib/redline"]
CMD ["run", "--config", "/etc/redline", "--listen", "0.0.0.0:9740"]
