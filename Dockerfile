# syntax=docker/dockerfile:1
# Weir's operator image: `docker build -t ghcr.io/weir-dev/weir:0.1.0 .`
# The build stage compiles the TypeScript; the runtime stage holds only dist/, bin/ and production modules.

FROM node:20.19.5-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20.19.5-bookworm-slim
LABEL org.opencontainers.image.title="weir" \
      org.opencontainers.image.description="Progressive delivery operator compatible with Flagger's API" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY bin ./bin
# Nothing is written at run time (logs go to stdout), so the root filesystem can be read-only; the UID
# matches the Helm chart's securityContext (runAsUser 10001) and owns nothing in the image.
USER 10001:10001
EXPOSE 8080
# Kubernetes probes /healthz and /readyz on port 8080 (the chart's liveness and readiness probes);
# a Docker HEALTHCHECK would only duplicate them and does not know a changed -port.
HEALTHCHECK NONE
ENTRYPOINT ["node", "bin/weir.js", "operator"]
