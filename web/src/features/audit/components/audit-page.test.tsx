// @vitest-environment jsdom
// Admin → Audit: the entries with their outcome, filters sent to the API, paging by cursor, the
// "Verify chain" result, and an export link that carries the filters.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditVerifyResult } from '@dmc/shared/api';
import { renderWithProviders } from '../../../test/dom';
import { auditEntry } from '../../../test/fixtures';
import { AuditPage } from './audit-page';

/** The console API as this screen needs it, answered in-process; each request is recorded. */
const requests: URL[] = [];
let pages: Record<string, { items: AuditEntry[]; nextCursor: string | null }> = {};
let verifyResult: AuditVerifyResult = { ok: true, checked: 0 };

function answer(url: string): Response {
  const parsed = new URL(url, 'http://console.test');
  requests.push(parsed);
  const body =
    parsed.pathname === '/api/v1/audit/verify'
      ? verifyResult
      : (pages[parsed.searchParams.get('cursor') ?? 'first'] ?? { items: [], nextCursor: null });
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
}

beforeAll(() => {
  vi.stubGlobal('fetch', (url: string) => Promise.resolve(answer(url)));
});
afterAll(() => {
  vi.unstubAllGlobals();
});
afterEach(() => {
  cleanup();
  requests.length = 0;
});

const rows = () => screen.getAllByTestId('audit-row').map((row) => within(row));

describe('audit page', () => {
  it('lists entries, pages older and newer by cursor', async () => {
    pages = {
      first: {
        items: [
          auditEntry({ seq: 3, action: 'queueCommand', target: 'd1' }),
          auditEntry({ seq: 2, actor: 'sam', role: 'support', action: 'createUser', outcome: 'FORBIDDEN' }),
        ],
        nextCursor: 'c2',
      },
      c2: { items: [auditEntry({ seq: 1, action: 'login', target: 'admin' })], nextCursor: null },
    };
    renderWithProviders(<AuditPage />);
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(2));
    expect(rows()[0]?.getByText('queueCommand')).toBeTruthy();
    expect(rows()[1]?.getByText('FORBIDDEN')).toBeTruthy();
    expect(rows()[1]?.getByText('(support)')).toBeTruthy();
    const newer = screen.getByRole('button', { name: 'Newer' });
    expect(newer).toHaveProperty('disabled', true);

    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));
    expect(rows()[0]?.getByText('login')).toBeTruthy();
    expect(requests.at(-1)?.searchParams.get('cursor')).toBe('c2');
    expect(screen.getByRole('button', { name: 'Older' })).toHaveProperty('disabled', true);

    await userEvent.click(screen.getByRole('button', { name: 'Newer' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(2));
  });

  it('sends the filters, starts again from the newest page, and exports with them', async () => {
    pages = { first: { items: [auditEntry()], nextCursor: null } };
    renderWithProviders(<AuditPage />);
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));
    await userEvent.type(screen.getByLabelText('Actor'), 'sam');
    await userEvent.type(screen.getByLabelText('Action'), 'deleteDevice');
    await userEvent.type(screen.getByLabelText('Target'), 'd9');
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(requests.at(-1)?.searchParams.get('actor')).toBe('sam'));
    const sent = requests.at(-1);
    expect(sent?.searchParams.get('action')).toBe('deleteDevice');
    expect(sent?.searchParams.get('target')).toBe('d9');
    expect(sent?.searchParams.has('cursor')).toBe(false);
    const exportLink = screen.getByRole('link', { name: 'Export CSV' });
    expect(exportLink.getAttribute('href')).toBe(
      '/api/v1/audit/export.csv?actor=sam&action=deleteDevice&target=d9',
    );
  });

  it('verifies the chain on demand and says which entry breaks it', async () => {
    pages = { first: { items: [auditEntry()], nextCursor: null } };
    verifyResult = { ok: false, checked: 7, firstBadSeq: 7 };
    renderWithProviders(<AuditPage />);
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));
    expect(requests.some((r) => r.pathname === '/api/v1/audit/verify')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Verify chain' }));
    const result = await screen.findByTestId('audit-verify-result');
    expect(result.textContent).toContain('Chain broken');
    expect(result.textContent).toContain('Entry 7 does not match');
  });
});
