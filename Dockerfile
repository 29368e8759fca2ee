# dmc: one image for every instance. Build: docker build -t dmc .
# Production runs the BFF only: bff/ and shared/ under tsx (Node 20) with the server's production
# dependencies, serving the console built into web/dist at image build time. The simulator, the
# development tools (tools/) and the build toolchain stay out of the image.
FROM node:20-bookworm-slim AS manifests
# better-sqlite3 12.x compiles from source on Node 20 (docs: stack.md gotcha 3).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY bff/package.json bff/
COPY web/package.json web/
COPY sim/package.json sim/
COPY tools/package.json tools/
COPY e2e/package.json e2e/

# Every workspace, to build the console.
FROM manifests AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --logLevel warn

# What the server needs at run time, and nothing else.
FROM manifests AS server-deps
RUN npm ci --omit=dev --workspace @dmc/bff --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DMC_PORT=8080 \
    DMC_HOST=0.0.0.0 \
    DMC_DATA_DIR=/data
WORKDIR /app
COPY --from=server-deps /app/node_modules node_modules
COPY package.json tsconfig.base.json ./
COPY shared shared
COPY bff/package.json bff/tsconfig.json bff/
COPY bff/src bff/src
COPY --from=build /app/web/dist web/dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
    CMD node -e "fetch('http://127.0.0.1:'+(process.env.DMC_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# A single process, so SIGTERM reaches the server and it shuts down gracefully.
CMD ["node", "--import", "tsx", "bff/src/main.ts"]
