// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Artifact, ArtifactList, Device } from '@dmc/shared/api';
import { artifactKeys } from '../../../lib/queries/artifacts';
import { deviceKeys } from '../../../lib/queries/devices';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { AT, device } from '../../../test/fixtures';
import { StartOperationForm } from './start-operation-form';

afterEach(cleanup);

const artifact = (over: Partial<Artifact>): Artifact => ({
  id: 'a'.repeat(22),
  name: 'router-fw',
  version: '2.0.0',
  moid: 'urn:oma:mo:oma-fumo:1.0',
  size: 10,
  sha256: '0'.repeat(64),
  contentType: 'application/octet-stream',
  compatible: null,
  url: 'http://x/dr/artifacts/a',
  createdAt: AT,
  ...over,
});

describe('StartOperationForm', () => {
  it('offers the artifacts that fit the device and disables the others with the reason', () => {
    const queryClient = createTestQueryClient();
    queryClient.setDefaultOptions({ queries: { staleTime: Infinity, retry: false } });
    queryClient.setQueryData<Device>(
      deviceKeys.detail('d1'),
      device({ devInfo: { ...device().devInfo, Man: 'Acme', Mod: 'Sim-1', HwV: 'A' } }),
    );
    queryClient.setQueryData<ArtifactList>(artifactKeys.list(), {
      items: [
        artifact({ id: 'fits'.padEnd(22, 'x'), version: '2.0.0', compatible: { Mod: ['Sim-1'] } }),
        artifact({ id: 'other'.padEnd(22, 'x'), version: '3.0.0', compatible: { Mod: ['Router-9'] } }),
      ],
    });
    renderWithProviders(<StartOperationForm devId="d1" />, queryClient);
    const fits = screen.getByRole('option', { name: /router-fw 2\.0\.0/ });
    const other = screen.getByRole('option', { name: /router-fw 3\.0\.0/ });
    expect(fits).not.toHaveProperty('disabled', true);
    expect(other).toHaveProperty('disabled', true);
    expect(other.textContent).toMatch(/does not fit, Mod "Sim-1" is not one of "Router-9"/);
  });
});
