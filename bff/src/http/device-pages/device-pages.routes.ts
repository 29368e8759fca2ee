// User interaction (protocol §1): GET /ui/:token shows the page a SHOW opened, POST /ui/:token takes
// the answer. The unguessable token is the authorization; a per-page form secret and an
// Origin/Referer check keep other sites from answering for the person.
import express, {
  Router,
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { capabilityMount, capabilityRoute } from '../../domain/capabilities/capability-urls';
import type {
  AnswerOutcome,
  DevicePageService,
  PageUnavailable,
} from '../../domain/device-pages/device-page.service';
import { PAGE_MESSAGES, renderMessage, type PageMessage } from './page-html';
import { CHOICE_FIELD, SECRET_FIELD, renderQuestion } from './page-question';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  // same-origin, not no-referrer: a no-referrer POST would carry `Origin: null`.
  'Referrer-Policy': 'same-origin',
};

const secured: RequestHandler = (_req, res, next) => {
  res.set(SECURITY_HEADERS);
  next();
};

function sendHtml(res: Response, status: number, html: string): void {
  res.status(status).type('html').send(html);
}

function sendMessage(res: Response, message: PageMessage): void {
  sendHtml(res, PAGE_MESSAGES[message].status, renderMessage(message));
}

function sendUnavailable(res: Response, outcome: PageUnavailable): void {
  sendMessage(res, outcome.kind);
}

function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/** A POST whose Origin (or else Referer) names another site is refused; a missing one is allowed. */
function isSameOrigin(req: Request, publicOrigin: string | undefined): boolean {
  const own = new Set([publicOrigin, `${req.protocol}://${req.get('host') ?? ''}`]);
  const origin = req.headers.origin;
  if (origin !== undefined) return own.has(origin);
  const referer = req.headers.referer;
  return referer === undefined || own.has(originOf(referer));
}

function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function formBody(req: Request): Record<string, string | string[]> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return {};
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[name] = value;
    else if (Array.isArray(value)) fields[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return fields;
}

function sendOutcome(res: Response, outcome: AnswerOutcome): void {
  switch (outcome.kind) {
    case 'recorded':
      sendMessage(res, 'thanks');
      return;
    case 'forbidden':
      sendMessage(res, 'forbidden');
      return;
    case 'invalid': {
      const { page, message, errors, entered } = outcome;
      sendHtml(res, 400, renderQuestion(page.spec, page.formSecret, { message, errors, entered }));
      return;
    }
    case 'answered':
    case 'expired':
    case 'missing':
      sendUnavailable(res, outcome);
  }
}

export function devicePageRoutes(pages: DevicePageService, options: { publicUrl: string }): Router {
  const router = Router();
  const publicOrigin = originOf(options.publicUrl);
  const readForm = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 100 });

  router.use(capabilityMount('page'), secured);

  router.get(capabilityRoute('page'), async (req, res) => {
    const found = await pages.open(single(req.params.token) ?? '');
    if (found.kind !== 'open') return sendUnavailable(res, found);
    sendHtml(res, 200, renderQuestion(found.page.spec, found.page.formSecret));
  });

  router.post(capabilityRoute('page'), readForm, async (req, res) => {
    if (!isSameOrigin(req, publicOrigin)) return sendMessage(res, 'forbidden');
    const fields = formBody(req);
    const outcome = await pages.answer(single(req.params.token) ?? '', {
      secret: single(fields[SECRET_FIELD]),
      choice: single(fields[CHOICE_FIELD]),
      fields,
    });
    sendOutcome(res, outcome);
  });

  // A body that is too large or cannot be parsed still gets a page, not JSON.
  const unreadable: ErrorRequestHandler = (err: unknown, _req, res, next) => {
    const status = (err as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) return sendMessage(res, 'unreadable');
    next(err);
  };
  router.use(capabilityMount('page'), unreadable);

  return router;
}
