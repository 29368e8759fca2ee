// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVINFO_1_0_METADATA, FUMO_METADATA, lookupNodeMeta, type MoMetadata } from '@dmc/shared/metadata';
import { renderWithProviders } from '../../../test/dom';
import { AT } from '../../../test/fixtures';
import type { ExplorerRow } from '../lib/explorer-rows';
import { useStagedChangesStore } from '../stores/staged-changes-store';
import { NodeActionsBar } from './node-actions-bar';

const DEV = 'd1';

function leaf(doc: MoMetadata, path: string, value: string): ExplorerRow {
  return {
    key: path,
    moid: doc.MOID,
    miid: 'fw',
    path,
    name: path.split('/').at(-1) ?? path,
    depth: path.split('/').length,
    node: { path, value, format: 'chr', reportedAt: AT, meta: null },
    meta: lookupNodeMeta(doc, path) ?? null,
    hasChildren: false,
    isExpanded: false,
    parentKey: undefined,
  };
}

const PKG_URL = leaf(FUMO_METADATA, 'DownloadAndUpdate/PkgURL', 'http://old/fw.bin');
const staged = () => useStagedChangesStore.getState().byDevice[DEV] ?? [];

beforeEach(() => useStagedChangesStore.getState().clear(DEV));
afterEach(cleanup);

async function stageEdit(value: string) {
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Edit' }));
  const input = screen.getByRole('textbox', { name: 'New value' });
  await user.clear(input);
  await user.type(input, value);
  await user.click(screen.getByRole('button', { name: 'Stage edit' }));
}

describe('staging edits from the tree', () => {
  it('stages a write of a writable leaf with its old and new value and the HGET that does it', async () => {
    renderWithProviders(<NodeActionsBar devId={DEV} row={PKG_URL} />);
    await stageEdit('http://new/fw.bin');
    const [change] = staged();
    expect(change).toMatchObject({
      kind: 'edit',
      oldValue: 'http://old/fw.bin',
      newValue: 'http://new/fw.bin',
      input: { command: ['HGET', null, change?.clientUri], data: { PkgURL: 'http://new/fw.bin' } },
    });
    expect(change?.clientUri).toContain('DownloadAndUpdate/PkgURL');
    // The form closes once the change is staged.
    expect(screen.queryByRole('textbox', { name: 'New value' })).toBeNull();
  });

  it('keeps one staged write per node: a newer edit replaces the older one', async () => {
    renderWithProviders(<NodeActionsBar devId={DEV} row={PKG_URL} />);
    await stageEdit('http://first');
    await stageEdit('http://second');
    expect(staged().map((c) => c.newValue)).toEqual(['http://second']);
  });

  it('does not stage a value that has not changed', async () => {
    renderWithProviders(<NodeActionsBar devId={DEV} row={PKG_URL} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    expect(screen.getByRole('button', { name: 'Stage edit' })).toHaveProperty('disabled', true);
    expect(staged()).toEqual([]);
  });

  it('offers no edit on a read-only leaf', () => {
    renderWithProviders(<NodeActionsBar devId={DEV} row={leaf(DEVINFO_1_0_METADATA, 'FwV', '1.0')} />);
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeTruthy();
  });
});
