// User interaction (protocol §8): SHOW opens a one-time page at /ui/:token; the person's answer, posted
// from that page, becomes the command's result. Real BFF, scripted device, plain HTTP form posts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandStateChangedEvent } from '@dmc/shared/events';
import type { Clock } from '../src/domain/ports';
import { LockstepDevice } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'device-pages-secret-0123456789';
const CONSENT = { kind: 'consent', title: 'Install the update?', text: 'The router restarts once.' };
const SURVEY = {
  kind: 'form',
  title: 'Where is this router?',
  text: 'Tell us about the site.',
  schema: {
    type: 'object',
    properties: {
      room: { type: 'string', title: 'Room', minLength: 2 },
      floor: { type: 'integer', title: 'Floor', minimum: 0, maximum: 20 },
      indoor: { type: 'boolean', title: 'Indoors' },
    },
    required: ['room', 'floor'],
  },
};

interface Command {
  state: string;
  sc: number | null;
  result: unknown;
  command: string[];
}

describe('pages shown on devices', () => {
  let server: TestServer;
  let offsetMs: number;
  let device: LockstepDevice;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

  beforeEach(async () => {
    offsetMs = 0;
    server = await startTestServer({ clock });
    await server.registerDevice('ui-1', SECRET);
    device = new LockstepDevice(server.baseUrl, 'ui-1', SECRET);
    await device.p1();
    await device.p3({ Status: [{ sc: 200 }, { sc: 200, Data: device.devInfoData() }] });
  });
  afterEach(async () => {
    await server.close();
  });

  async function queue(body: unknown): Promise<string> {
    const res = await server.api('POST', '/api/v1/devices/ui-1/commands', body);
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  async function command(id: string): Promise<Command> {
    return (await (await server.api('GET', `/api/v1/commands/${id}`)).json()) as Command;
  }
  /** Delivers the queued SHOW in a session; the device reports `sc`. Returns the page URL. */
  async function deliverShow(sc = 200): Promise<string> {
    const p2 = await device.p1();
    const show = (p2.body as { CMD: string[][] }).CMD.find((c) => c[0] === 'SHOW');
    expect(show).toHaveLength(2);
    await device.p3({ Status: [{ sc: 200 }, { sc }] });
    return show?.[1] ?? '';
  }
  async function openPage(url: string): Promise<{ html: string; secret: string }> {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const html = await res.text();
    return { html, secret: /name="_secret" value="([^"]+)"/.exec(html)?.[1] ?? '' };
  }
  function post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return fetch(url, { method: 'POST', body: new URLSearchParams(fields), headers });
  }
  async function showAndOpen(page: unknown) {
    const id = await queue({ command: ['SHOW', null], page });
    const url = await deliverShow();
    return { id, url, ...(await openPage(url)) };
  }

  it('consent: SHOW carries the page URL; 200 → accepted; Accept → ok with the answer, once', async () => {
    const socket = await server.socket();
    const events: CommandStateChangedEvent[] = [];
    socket.on('command:state-changed', (e) => events.push(e));

    const id = await queue({ command: ['SHOW', null], page: CONSENT });
    const p2 = await device.p1();
    const cmds = (p2.body as { CMD: string[][] }).CMD;
    const show = cmds.find((c) => c[0] === 'SHOW') ?? [];
    expect(show).toEqual([
      'SHOW',
      expect.stringMatching(new RegExp(`^${server.baseUrl}/ui/[A-Za-z0-9_-]{22,}$`)),
    ]);
    const url = show[1] ?? '';
    expect(await command(id)).toMatchObject({ state: 'sent', command: show });
    await device.p3({ Status: [{ sc: 200 }, { sc: 200 }] });
    expect(await command(id)).toMatchObject({ state: 'accepted', sc: 200, result: null });

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Install the update?');
    expect(html).toContain('The router restarts once.');
    expect(html).toContain('>dmc<');
    const secret = /name="_secret" value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(22);

    const noSecret = await post(url, { _choice: 'accept' });
    expect(noSecret.status).toBe(403);
    const wrongSecret = await post(url, { _choice: 'accept', _secret: `${secret}x` });
    expect(wrongSecret.status).toBe(403);
    const crossSite = await post(
      url,
      { _choice: 'accept', _secret: secret },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect(await command(id)).toMatchObject({ state: 'accepted' });

    const ok = new Promise<CommandStateChangedEvent>((resolve) => {
      socket.on('command:state-changed', (e) => {
        if (e.id === id && e.state === 'ok') resolve(e);
      });
    });
    const answered = await post(url, { _choice: 'accept', _secret: secret }, { origin: server.baseUrl });
    expect(answered.status).toBe(200);
    expect(answered.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await answered.text()).toContain('Thank you, you can close this page');
    expect(await command(id)).toMatchObject({ state: 'ok', result: { answer: 'accept' } });
    expect(await ok).toMatchObject({ id, devId: 'ui-1', state: 'ok' });
    expect(events.filter((e) => e.id === id).map((e) => e.state)).toEqual([
      'queued',
      'sent',
      'accepted',
      'ok',
    ]);

    const again = await post(url, { _choice: 'decline', _secret: secret });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already answered');
    expect((await fetch(url)).status).toBe(409);
    expect(await command(id)).toMatchObject({ state: 'ok', result: { answer: 'accept' } });
  });

  it('consent: Decline is an answer too; an unknown button is refused', async () => {
    const { id, url, secret } = await showAndOpen(CONSENT);
    expect((await post(url, { _choice: 'maybe', _secret: secret })).status).toBe(400);
    expect((await post(url, { _choice: 'decline', _secret: secret })).status).toBe(200);
    expect(await command(id)).toMatchObject({ state: 'ok', result: { answer: 'decline' } });
  });

  it('postpone: one button per delay; the chosen delay is the result', async () => {
    const { id, url, html, secret } = await showAndOpen({
      kind: 'postpone',
      title: 'Restart?',
      text: 'Soon.',
    });
    expect(html).toContain('>Now<');
    expect(html).toContain('>In 15 minutes<');
    expect(html).toContain('>In 1 hour<');
    expect((await post(url, { _choice: '60', _secret: secret })).status).toBe(400);
    expect((await post(url, { _choice: '3600', _secret: secret })).status).toBe(200);
    expect(await command(id)).toMatchObject({ state: 'ok', result: { postponeS: 3600 } });
  });

  it('postpone: Now accepts', async () => {
    const { id, url, secret } = await showAndOpen({
      kind: 'postpone',
      title: 'Restart?',
      text: 'Soon.',
      postponeOptionsS: [600],
    });
    expect((await post(url, { _choice: 'now', _secret: secret })).status).toBe(200);
    expect(await command(id)).toMatchObject({ state: 'ok', result: { answer: 'accept' } });
  });

  it('form: invalid values are shown again with the errors; valid ones become the result', async () => {
    const { id, url, html, secret } = await showAndOpen(SURVEY);
    expect(html).toMatch(/<label for="f-room">Room<\/label>/);
    expect(html).toMatch(/<input type="number" id="f-floor" name="floor" required/);

    const invalid = await post(url, { _secret: secret, _choice: 'send', room: '<b>L', floor: 'three' });
    expect(invalid.status).toBe(400);
    const again = await invalid.text();
    expect(again).toContain('Enter a whole number.');
    expect(again).toContain('value="&lt;b&gt;L"');
    expect(again).toContain('value="three"');
    expect(await command(id)).toMatchObject({ state: 'accepted', result: null });

    const short = await post(url, { _secret: secret, room: 'L', floor: '30' });
    expect(short.status).toBe(400);
    const shortHtml = await short.text();
    expect(shortHtml).toContain('Enter at least 2 characters.');
    expect(shortHtml).toContain('Enter a number of at most 20.');

    const valid = await post(url, {
      _secret: secret,
      _choice: 'send',
      room: 'Lab 2',
      floor: '3',
      indoor: 'on',
    });
    expect(valid.status).toBe(200);
    expect(await command(id)).toMatchObject({
      state: 'ok',
      result: { room: 'Lab 2', floor: 3, indoor: true },
    });
  });

  it('info: OK records that the page was seen', async () => {
    const { id, url, html, secret } = await showAndOpen({
      kind: 'info',
      title: 'Maintenance',
      text: 'Tonight.',
    });
    expect(html).toContain('>OK<');
    expect((await post(url, { _choice: 'ok', _secret: secret })).status).toBe(200);
    expect(await command(id)).toMatchObject({ state: 'ok', result: { answer: 'seen' } });
  });

  it('an unanswered page expires with its command; unknown tokens are 404', async () => {
    const id = await queue({ command: ['SHOW', null], page: CONSENT, ttlS: 60 });
    const url = await deliverShow();
    const { secret } = await openPage(url);
    offsetMs = 61_000;
    const gone = await fetch(url);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('expired');
    expect((await post(url, { _choice: 'accept', _secret: secret })).status).toBe(410);
    expect(await server.app.services.commands.expireDue()).toBe(1);
    expect(await command(id)).toMatchObject({ state: 'expired' });
    expect((await fetch(`${server.baseUrl}/ui/not-a-page`)).status).toBe(404);
    expect((await post(`${server.baseUrl}/ui/not-a-page`, { _choice: 'accept' })).status).toBe(404);
  });

  it('a device that cannot start its browser fails the SHOW and closes the page', async () => {
    const id = await queue({ command: ['SHOW', null], page: CONSENT });
    const url = await deliverShow(500);
    expect(await command(id)).toMatchObject({ state: 'failed', sc: 500 });
    expect((await fetch(url)).status).toBe(410);
  });

  it('a SHOW of another server’s page is done at 200', async () => {
    const id = await queue({ command: ['SHOW', 'https://portal.example/help'] });
    await deliverShow(200);
    expect(await command(id)).toMatchObject({ state: 'ok', sc: 200 });
  });

  it('refuses pages that do not fit the command', async () => {
    const refused = [
      { command: ['SHOW', null] },
      { command: ['SHOW', 'https://portal.example/'], page: CONSENT },
      { command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//DevID'], page: CONSENT },
      { command: ['SHOW', null], page: { ...SURVEY, schema: undefined } },
      { command: ['SHOW', null], page: { ...CONSENT, title: '' } },
      { command: ['SHOW', null], page: CONSENT, pageTemplateId: 'x' },
    ];
    for (const body of refused) {
      const res = await server.api('POST', '/api/v1/devices/ui-1/commands', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const unknown = await server.api('POST', '/api/v1/devices/ui-1/commands', {
      command: ['SHOW', null],
      pageTemplateId: 'nope',
    });
    expect(unknown.status).toBe(404);
  });

  it('stored templates: create, list, show by id, delete; support may only read', async () => {
    const created = await server.api('POST', '/api/v1/pages', { name: 'Reboot consent', ...CONSENT });
    expect(created.status).toBe(201);
    const template = (await created.json()) as { id: string; name: string; kind: string; createdAt: string };
    expect(template).toMatchObject({ name: 'Reboot consent', ...CONSENT, createdAt: expect.any(String) });
    const invalid = await server.api('POST', '/api/v1/pages', {
      name: 'x',
      kind: 'form',
      title: 'T',
      text: 't',
    });
    expect(invalid.status).toBe(400);

    await server.api('POST', '/api/v1/users', {
      username: 'helpdesk',
      password: 'helpdesk-pass-1',
      role: 'support',
    });
    const support = await server.login('helpdesk', 'helpdesk-pass-1');
    const listed = await server.api('GET', '/api/v1/pages', undefined, support);
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: unknown[] }).items).toEqual([template]);
    expect((await server.api('POST', '/api/v1/pages', { name: 'n', ...CONSENT }, support)).status).toBe(403);
    expect((await server.api('DELETE', `/api/v1/pages/${template.id}`, undefined, support)).status).toBe(403);

    const id = await queue({ command: ['SHOW', null], pageTemplateId: template.id });
    const url = await deliverShow();
    const { html, secret } = await openPage(url);
    expect(html).toContain('Install the update?');

    expect((await server.api('DELETE', `/api/v1/pages/${template.id}`)).status).toBe(204);
    expect((await server.api('DELETE', `/api/v1/pages/${template.id}`)).status).toBe(404);
    // A page made from a template does not depend on it.
    expect((await post(url, { _choice: 'accept', _secret: secret })).status).toBe(200);
    expect(await command(id)).toMatchObject({ state: 'ok', result: { answer: 'accept' } });
  });
});
