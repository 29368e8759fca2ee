// The security headers of profile §10, in one place: what every answer carries, the console's CSP,
// and the sandbox an artifact is served in. Routes with their own needs (the console, device pages,
// artifacts) override the default CSP with one of the policies defined here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestScheme } from '../domain/auth/origins';

/** Answers that are no document (JSON, SyncML, files): nothing may load, nothing may frame them. */
export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The console (the built SPA and Monaco): scripts only from its own files, never inline or eval;
 * inline styles are allowed (Mantine and Monaco set style attributes and <style> elements); Monaco's
 * workers come from the console's own files (blob: for Monaco's fallback); the favicon is a data: URL.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** An artifact is whatever an operator uploaded: it never runs as a page of the console's origin. */
export const ARTIFACT_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

/** One year; without includeSubDomains, which would bind hosts dmc does not own. */
const HSTS = 'max-age=31536000';

/**
 * Sets the headers every answer carries (profile §10): a strict CSP, nosniff, no referrer, no framing,
 * HSTS under TLS, and no-store on the API. Runs first, on the bare node request, so the DM endpoint
 * (which answers ahead of Express) gets them too; later handlers may replace the CSP and Cache-Control.
 */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', DEFAULT_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  if (requestScheme(req.headers['x-forwarded-proto'], req.socket) === 'https')
    res.setHeader('Strict-Transport-Security', HSTS);
  // API answers are per user and must not stay in caches (a route may still choose otherwise).
  if (req.url?.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
}

/** A file name safe in a header and on any file system: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string, fallback = 'artifact'): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120);
  return cleaned === '' ? fallback : cleaned;
}

/** The headers that keep a served artifact a download, whatever its Content-Type. */
export function setArtifactHeaders(res: ServerResponse, fileName: string): void {
  res.setHeader('Content-Disposition', `attachment; filename="${safeFileName(fileName)}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', ARTIFACT_CSP);
}
