import { Button, Menu } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Bookmark } from 'lucide-react';
import { useState } from 'react';
import type { CreateViewInput, SavedView } from '@dmc/shared/api';
import { savedViewsQueryOptions } from '../../../../lib/queries/views';
import { ManageViewsModal } from './manage-views-modal';
import { SaveViewModal } from './save-view-modal';

type Props = {
  /** The page's current query, sort and columns: what "Save view…" saves. */
  current: Omit<CreateViewInput, 'name'>;
  /** Shows a view: its query, sort and columns go into the URL. */
  onApply: (view: SavedView) => void;
};

/** The Devices page's "Views" menu: pick a saved view, save the current one, rename or delete. */
export function ViewsMenu({ current, onApply }: Props) {
  const views = useQuery(savedViewsQueryOptions());
  const items = views.data?.items ?? [];
  const [dialog, setDialog] = useState<'save' | 'manage' | null>(null);
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" leftSection={<Bookmark size={16} aria-hidden />}>
            Views
          </Button>
        </Menu.Target>
        <Menu.Dropdown aria-label="Views" mah={420} style={{ overflowY: 'auto' }}>
          <Menu.Label>Saved views</Menu.Label>
          {views.isError && <Menu.Item disabled>Could not load the views</Menu.Item>}
          {views.isSuccess && items.length === 0 && <Menu.Item disabled>No saved views yet</Menu.Item>}
          {items.map((view) => (
            <Menu.Item key={view.id} onClick={() => onApply(view)} title={view.query || 'every device'}>
              {view.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setDialog('save')}>Save view…</Menu.Item>
          <Menu.Item onClick={() => setDialog('manage')} disabled={items.length === 0}>
            Manage views…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <SaveViewModal opened={dialog === 'save'} onClose={() => setDialog(null)} current={current} />
      <ManageViewsModal opened={dialog === 'manage'} onClose={() => setDialog(null)} views={items} />
    </>
  );
}
