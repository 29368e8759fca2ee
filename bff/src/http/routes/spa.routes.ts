// Serves the built console and falls back to index.html for client-side routes.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { CONSOLE_CSP } from '../security-headers';

const RESERVED = /^\/(api|dm|dr|ui|socket\.io|healthz|readyz|metrics)(\/|$)/;

export function spaRoutes(distDir: string): Router {
  const router = Router();
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) return router;
  // The console's own policy (profile §10): its scripts only, Monaco's workers, never framed.
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    next();
  });
  router.use(express.static(distDir, { index: false, maxAge: '1h', immutable: false }));
  router.get('/{*splat}', (req, res, next) => {
    if (RESERVED.test(req.path)) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
