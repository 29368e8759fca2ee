// @vitest-environment jsdom
// The device header's labels: operators and admins get the editor, support users the labels alone.
import { cleanup, screen } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '@dmc/shared/api';
import { renderWithProviders } from '../../../test/dom';
import { device } from '../../../test/fixtures';
import { authKeys } from '../../../lib/queries/auth';
import { deviceKeys } from '../../../lib/queries/devices';
import { DeviceHeader } from './device-header';

afterEach(cleanup);

function renderAs(role: Role) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  queryClient.setQueryData(authKeys.me(), { username: 'u', role });
  queryClient.setQueryData(deviceKeys.detail('d1'), device({ devId: 'd1', labels: ['lab', 'north'] }));
  return renderWithProviders(<DeviceHeader devId="d1" />, queryClient);
}

describe('device header labels', () => {
  it('lets an operator remove and add labels', () => {
    renderAs('operator');
    expect(screen.getByRole('button', { name: 'Remove label north' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'New label' })).toBeTruthy();
  });

  it('shows a support user the labels without controls', () => {
    renderAs('support');
    expect(screen.getByText('north')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Remove label/ })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'New label' })).toBeNull();
  });
});
