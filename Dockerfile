# dmc: one image for every instance. Build: docker build -t dmc .
# Runs the BFF under tsx (Node 20); the console is built into web/dist at image build time.
FROM node:20-bookworm-slim AS build
# better-sqlite3 12.x compiles from source on Node 20 (docs: stack.md gotcha 3).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY bff/package.json bff/
COPY web/package.json web/
COPY sim/package.json sim/
COPY e2e/package.json e2e/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --logLevel warn

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DMC_PORT=8080 \
    DMC_HOST=0.0.0.0 \
    DMC_DATA_DIR=/data \
    DMC_DEMO_DEVICES=0
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
    CMD node -e "fetch('http://127.0.0.1:'+(process.env.DMC_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# A single process, so SIGTERM reaches the server and it shuts down gracefully.
CMD ["node", "--import", "tsx", "bff/src/main.ts"]
