// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandList } from '@dmc/shared/api';
import { FUMO_METADATA, lookupNodeMeta } from '@dmc/shared/metadata';
import { useLiveUpdates } from '../../../hooks/use-live-updates';
import { commandKeys } from '../../../lib/queries/commands';
import { SocketContext } from '../../../lib/socket-context';
import { createTestQueryClient, renderWithProviders } from '../../../test/dom';
import { AT, LATER, command } from '../../../test/fixtures';
import { startLiveServer, type LiveServer } from '../../../test/live-server';
import type { ExplorerRow } from '../lib/explorer-rows';
import { refUri } from '../lib/node-ref';
import { useTrackedCommandsStore } from '../stores/tracked-commands-store';
import { NodeDetails } from './node-details';

const DEV = 'd-details';
const PATH = 'DownloadAndUpdate/PkgURL';
const row: ExplorerRow = {
  key: PATH,
  moid: FUMO_METADATA.MOID,
  miid: 'fw',
  path: PATH,
  name: 'PkgURL',
  depth: 2,
  node: { path: PATH, value: 'http://old', format: 'chr', reportedAt: AT, meta: null },
  meta: lookupNodeMeta(FUMO_METADATA, PATH) ?? null,
  hasChildren: false,
  isExpanded: false,
  parentKey: undefined,
};
const uri = refUri(row);

let live: LiveServer;
beforeEach(async () => {
  live = await startLiveServer();
  useTrackedCommandsStore.setState({ byDevice: {} });
});
afterEach(async () => {
  cleanup();
  await live.close();
});

function LiveUpdates({ children }: { children: ReactNode }) {
  useLiveUpdates();
  return children;
}

function renderDetails() {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData<CommandList>(commandKeys.device(DEV), {
    items: [command({ id: 'c-refresh', devId: DEV, state: 'queued' })],
  });
  renderWithProviders(
    <SocketContext value={live.client}>
      <LiveUpdates>
        <NodeDetails
          devId={DEV}
          row={row}
          change={undefined}
          canOperate={false}
          onOpenJson={() => undefined}
        />
      </LiveUpdates>
    </SocketContext>,
    queryClient,
  );
  return queryClient;
}

const badges = () =>
  within(screen.getByLabelText('Commands for this node')).getAllByTestId('tracked-command');

describe('the commands a node queued', () => {
  it('follow the device’s command list as live events patch it', async () => {
    useTrackedCommandsStore.getState().track(DEV, { id: 'c-refresh', label: 'Refresh', clientUri: uri });
    const queryClient = renderDetails();
    expect(badges()[0]?.dataset.state).toBe('queued');

    live.emit('command:state-changed', {
      id: 'c-refresh',
      devId: DEV,
      state: 'sent',
      sc: null,
      deliveries: 1,
      reason: null,
      outcome: null,
      at: LATER,
    });
    await waitFor(() => expect(badges()[0]?.dataset.state).toBe('sent'));
    // The state came with the event: nothing was fetched again.
    expect(queryClient.getQueryState(commandKeys.device(DEV))?.isInvalidated).toBe(false);
    expect(badges()[0]?.textContent).toContain('Refresh');
  });

  it('show a command the list does not hold yet as queued, and only this node’s commands', () => {
    const store = useTrackedCommandsStore.getState();
    store.track(DEV, { id: 'c-new', label: 'Exec', clientUri: uri });
    store.track(DEV, { id: 'c-other', label: 'Refresh', clientUri: `${uri}/Other` });
    renderDetails();
    expect(badges().map((b) => [b.textContent, b.dataset.state])).toEqual([['Execqueued', 'queued']]);
  });

  it('show nothing when the node queued nothing', () => {
    renderDetails();
    expect(screen.queryByLabelText('Commands for this node')).toBeNull();
  });
});
