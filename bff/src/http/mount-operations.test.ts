import express, { type RequestHandler } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { AuditService } from '../domain/audit/audit.service';
import type { ApiServices } from './api-services';
import { createErrorHandler, createErrorMapper } from './error-handler';
import { mountOperations } from './mount-operations';
import { SENT, defineOperation } from './operation';

const USER = { username: 'olivia', role: 'operator' } as const;

/** Stands in for authenticate(): the x-test-role header names the signed-in user's role. */
const testAuthenticate: RequestHandler = (req, res, next) => {
  const role = req.header('x-test-role');
  if (role) res.locals.user = { username: USER.username, role };
  next();
};

const created: unknown[] = [];

const OPERATIONS = [
  defineOperation({
    method: 'post',
    path: '/things/:thingId/commands',
    operationId: 'queueThingCommand',
    summary: 'Queue',
    tag: 'commands',
    access: { kind: 'action', action: 'commands:write' },
    body: 'QueueCommandInput',
    success: {
      status: 201,
      description: 'Queued.',
      schema: 'QueuedCommand',
      location: (queued) => `/things/commands/${queued.id}`,
    },
    errors: [400],
    handle({ params, body, user }) {
      created.push({ thingId: params.thingId, body, by: user.username });
      return { id: 'c1', state: 'queued' as const };
    },
  }),
  defineOperation({
    method: 'post',
    path: '/things/:thingId/retry',
    operationId: 'retryThing',
    summary: 'Retry',
    tag: 'commands',
    access: { kind: 'signed-in' },
    body: 'RetryCommandInput',
    optionalBody: true,
    success: { status: 204, description: 'Done.' },
    errors: [400],
    handle({ body }) {
      created.push(body);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/things.txt',
    operationId: 'thingsAsText',
    summary: 'Text',
    tag: 'devices',
    access: { kind: 'public' },
    success: { status: 200, description: 'Text.' },
    errors: [],
    handle({ res }) {
      res.type('text/plain').send('things');
      return SENT;
    },
  }),
];

function appWith(): express.Express {
  const app = express();
  app.use(express.json());
  app.use(mountOperations(express.Router(), OPERATIONS, {} as ApiServices, testAuthenticate));
  app.use(createErrorHandler(createErrorMapper(pino({ level: 'silent' }))));
  return app;
}

const GET_DEVID = { command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//DevID'] };

describe('mountOperations', () => {
  const app = appWith();

  it('refuses an anonymous caller with 401 and a role without the permission with 403', async () => {
    await request(app).post('/things/t1/commands').send(GET_DEVID).expect(401);
    const res = await request(app)
      .post('/things/t1/commands')
      .set('x-test-role', 'support')
      .send(GET_DEVID)
      .expect(403);
    expect(res.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('parses the body with its schema and names it in the 400', async () => {
    const res = await request(app)
      .post('/things/t1/commands')
      .set('x-test-role', 'operator')
      .send({ command: 'GET' })
      .expect(400);
    expect(res.body).toMatchObject({
      error: { message: expect.stringMatching(/^The command is not valid/) },
    });
  });

  it('answers with the success status, the body and the Location of what it made', async () => {
    created.length = 0;
    const res = await request(app)
      .post('/things/t%201/commands')
      .set('x-test-role', 'operator')
      .send({ ...GET_DEVID, ttlS: 60 })
      .expect(201);
    expect(res.headers.location).toBe('/things/commands/c1');
    expect(res.body).toMatchObject({ id: 'c1', state: 'queued' });
    expect(created).toEqual([
      { thingId: 't 1', body: expect.objectContaining({ ttlS: 60 }), by: USER.username },
    ]);
  });

  it('reads a left-out optional body as {} and answers 204 without a body', async () => {
    created.length = 0;
    const res = await request(app).post('/things/t1/retry').set('x-test-role', 'support').expect(204);
    expect(res.text).toBe('');
    expect(created).toEqual([{}]);
    await request(app)
      .post('/things/t1/retry')
      .set('x-test-role', 'support')
      .send({ ttlS: 'soon' })
      .expect(400);
  });

  it('leaves the answer to a handler that returns SENT', async () => {
    const res = await request(app).get('/things.txt').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('things');
  });
});

describe('mountOperations with an audit trail', () => {
  /** Records what it is given, or fails every write when `broken`. */
  function trail(broken: boolean) {
    const recorded: unknown[] = [];
    const audit = {
      record: (event: unknown) =>
        broken ? Promise.reject(new Error('disk gone')) : Promise.resolve(recorded.push(event)),
    } as unknown as AuditService;
    const app = express();
    app.use(express.json());
    app.use(mountOperations(express.Router(), OPERATIONS, {} as ApiServices, testAuthenticate, audit));
    app.use(createErrorHandler(createErrorMapper(pino({ level: 'silent' }))));
    return { app, recorded };
  }

  it('records a change and a refusal once each, with the outcome', async () => {
    const { app, recorded } = trail(false);
    await request(app).post('/things/t1/commands').set('x-test-role', 'operator').send(GET_DEVID).expect(201);
    await request(app).post('/things/t2/commands').set('x-test-role', 'support').send(GET_DEVID).expect(403);
    await request(app).get('/things.txt').expect(200);
    expect(recorded).toEqual([
      expect.objectContaining({
        actor: 'olivia',
        role: 'operator',
        action: 'queueThingCommand',
        target: 't1',
        outcome: 'ok',
      }),
      expect.objectContaining({ role: 'support', target: 't2', outcome: 'FORBIDDEN' }),
    ]);
  });

  it('answers 503 when the entry cannot be written, instead of the change or the refusal', async () => {
    const { app } = trail(true);
    const ok = await request(app).post('/things/t1/commands').set('x-test-role', 'operator').send(GET_DEVID);
    expect(ok.status).toBe(503);
    expect(ok.body).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
    const refused = await request(app)
      .post('/things/t1/commands')
      .set('x-test-role', 'support')
      .send(GET_DEVID);
    expect(refused.status).toBe(503);
  });
});
