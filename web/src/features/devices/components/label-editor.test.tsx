// @vitest-environment jsdom
// The device page's label editor: chips that remove a label, a field that adds one, and what is
// wrong with a label said in words before anything is sent (and the server's refusal when it is).
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Device } from '@dmc/shared/api';
import { renderWithProviders } from '../../../test/dom';
import { device } from '../../../test/fixtures';
import { deviceKeys } from '../../../lib/queries/devices';
import { LabelEditor } from './label-editor';

/** Each PATCH the editor sends, and the answer the test gives it. */
const requests: { method: string; url: string; body: unknown }[] = [];
let reply: (body: { add?: string[]; remove?: string[] }) => Response;

function labelled(labels: string[]): Device {
  return device({ devId: 'd1', labels });
}
function ok(labels: string[]): Response {
  return new Response(JSON.stringify(labelled(labels)), { headers: { 'content-type': 'application/json' } });
}

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as {
      add?: string[];
      remove?: string[];
    };
    requests.push({ method: init?.method ?? 'GET', url, body });
    return Promise.resolve(reply(body));
  });
});
afterAll(() => vi.unstubAllGlobals());
afterEach(() => {
  cleanup();
  requests.length = 0;
});

function renderEditor(labels: string[]) {
  const view = renderWithProviders(<LabelEditor device={labelled(labels)} />);
  view.queryClient.setQueryData(deviceKeys.detail('d1'), labelled(labels));
  return view;
}

describe('label editor', () => {
  it('adds a label with the field and removes one with its chip', async () => {
    reply = (body) => ok(body.add ? ['lab', ...body.add] : []);
    const { queryClient } = renderEditor(['lab']);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'New label' }), 'canary{Enter}');
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]).toEqual({
      method: 'PATCH',
      url: '/api/v1/devices/d1/labels',
      body: { add: ['canary'] },
    });
    await waitFor(() =>
      expect(queryClient.getQueryData<Device>(deviceKeys.detail('d1'))?.labels).toEqual(['lab', 'canary']),
    );
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'New label' }).value).toBe('');

    await user.click(screen.getByRole('button', { name: 'Remove label lab' }));
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]?.body).toEqual({ remove: ['lab'] });
  });

  it('says in words what is wrong with a label and sends nothing', async () => {
    reply = () => ok([]);
    renderEditor(['lab']);
    const user = userEvent.setup();
    const field = screen.getByRole('textbox', { name: 'New label' });
    await user.type(field, 'has space{Enter}');
    expect(
      await screen.findByText('A label may hold only letters, digits and . _ : / - (no spaces).'),
    ).toBeTruthy();
    await user.clear(field);
    await user.type(field, 'lab{Enter}');
    expect(await screen.findByText('The device already has the label "lab".')).toBeTruthy();
    await user.clear(field);
    await user.type(field, `${'x'.repeat(65)}{Enter}`);
    expect(await screen.findByText('A label is at most 64 characters long.')).toBeTruthy();
    expect(requests).toEqual([]);
  });

  it("refuses a 33rd label before sending, and shows the server's refusal when it comes", async () => {
    const full = Array.from({ length: 32 }, (_, i) => `l${i}`);
    renderEditor(full);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'New label' }), 'more{Enter}');
    expect(await screen.findByText('A device carries at most 32 labels; remove one first.')).toBeTruthy();
    expect(requests).toEqual([]);
    cleanup();

    reply = () =>
      new Response(
        JSON.stringify({
          error: {
            code: 'VALIDATION_FAILED',
            message: 'The device would carry more than 32 labels; remove some first.',
          },
          requestId: 'r1',
        }),
        { status: 400, headers: { 'content-type': 'application/json' } },
      );
    renderEditor(['lab']);
    await user.type(screen.getByRole('textbox', { name: 'New label' }), 'canary{Enter}');
    expect(
      await screen.findByText('The device would carry more than 32 labels; remove some first.'),
    ).toBeTruthy();
  });
});
