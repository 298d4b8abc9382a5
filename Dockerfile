# syntax=docker/dockerfile:1
# Margay gateway + admin UI. Build: docker compose build (or docker build -t margay .)

FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false CI=true
COPY package.json package-lock.json nx.json tsconfig.base.json vitest.shared.ts ./
COPY libs/routing/package.json libs/routing/
COPY libs/claims/package.json libs/claims/
COPY libs/config/package.json libs/config/
COPY libs/transforms/package.json libs/transforms/
COPY apps/gateway/package.json apps/gateway/
COPY apps/admin-ui/package.json apps/admin-ui/
# Every workspace's package.json (compose.spec.ts checks the list); the bench's sources stay out of the image.
COPY bench/package.json bench/
# npm install, not npm ci: the lockfile holds only the platform builds this project was locked on.
RUN npm install --no-audit --no-fund
COPY libs libs
COPY apps apps
RUN npx nx run-many -t build --output-style=static \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=8080 ADMIN_PORT=8081 HOST=0.0.0.0 MARGAY_DATA_DIR=/var/lib/margay
COPY --from=build /app /app
RUN mkdir -p /var/lib/margay && chown node:node /var/lib/margay
USER node
EXPOSE 8080 8081
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.ADMIN_PORT||8081)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "apps/gateway/dist/main.js"]
