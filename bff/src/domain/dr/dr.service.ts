// The Data Repository (protocol §1, §4): bodies the server hosts for HGET, and upload inboxes for
// HPUT, HPOST and SUB change reports, whose contents update the device's stored tree.
import type { MoMetadata } from '@dmc/shared/metadata';
import type { MoSerialization } from '@dmc/shared/protocol';
import { MEDIA_TYPES, normaliseMoSerialization } from '@dmc/shared/protocol';
import type { DrObjectRow, InboxKind, Repositories, Store } from '../../persistence/ports';
import type { Clock, EventPublisher } from '../ports';
import { capabilityUrls } from '../capabilities/capability-urls';
import { InputError, NotFoundError } from '../errors';
import { createPendingEvents } from '../dm/pending-events';
import { storeReport } from '../tree/tree-updates';

export interface DrService {
  /** Hosts an MO serialization for HGET; returns its absolute URL. `repos`: the transaction that queues its command. */
  hostObject(
    input: { devId: string; commandId: string | null; items: MoSerialization; ttlS: number },
    repos: Repositories,
  ): Promise<string>;
  readObject(id: string): Promise<DrObjectRow>;
  /** Opens an upload inbox; returns its absolute URL. `repos`: the transaction that queues its command. */
  openInbox(
    input: {
      devId: string;
      commandId: string | null;
      kind: InboxKind;
      clientUri: string | null;
      ttlS: number | null;
    },
    repos: Repositories,
  ): Promise<string>;
  /** Stores an upload in the device's tree; throws NotFoundError for an unknown token. */
  receiveUpload(token: string, body: unknown): Promise<{ nodes: number }>;
}

export function createDrService(
  store: Store,
  deps: {
    clock: Clock;
    events: EventPublisher;
    publicUrl: string;
    announceDevice: (devId: string) => Promise<void>;
    /** Imported meta-data documents (formats and root names of vendor MOs, protocol §5). */
    extraMetadata?: () => readonly MoMetadata[];
  },
): DrService {
  const { clock, events } = deps;
  const urls = capabilityUrls(deps.publicUrl);

  return {
    async hostObject({ devId, commandId, items, ttlS }, repos) {
      const now = clock.now();
      const object = urls.mint('object');
      await repos.drObjects.create({
        id: object.token,
        devId,
        commandId,
        contentType: MEDIA_TYPES.moData,
        body: JSON.stringify(items),
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttlS * 1000),
      });
      return object.url;
    },

    async readObject(id) {
      const row = await store.drObjects.find(id);
      if (!row || (row.expiresAt && row.expiresAt.getTime() <= clock.now().getTime())) {
        throw new NotFoundError('No such object.');
      }
      return row;
    },

    async openInbox({ devId, commandId, kind, clientUri, ttlS }, repos) {
      const now = clock.now();
      const inbox = urls.mint('inbox');
      await repos.inboxes.create({
        token: inbox.token,
        devId,
        commandId,
        kind,
        clientUri,
        createdAt: now,
        expiresAt: ttlS === null ? null : new Date(now.getTime() + ttlS * 1000),
        uploads: 0,
        lastUploadAt: null,
      });
      return inbox.url;
    },

    async receiveUpload(token, body) {
      const now = clock.now();
      const inbox = await store.inboxes.find(token);
      if (!inbox || (inbox.expiresAt && inbox.expiresAt.getTime() <= now.getTime())) {
        throw new NotFoundError('No such upload address.');
      }
      const parsed = normaliseMoSerialization(body);
      if (!parsed.ok) throw new InputError(`Not an MO serialization: ${parsed.error}`);
      const pending = createPendingEvents(inbox.devId, '', now);
      const written = await store.transaction(async (repos) => {
        // Lock order (ARCHITECTURE.md, invariants): the device row before the tree rows it owns.
        await repos.devices.lock(inbox.devId);
        const result = await storeReport(repos, inbox.devId, parsed.value, now, deps.extraMetadata?.());
        await repos.inboxes.recordUpload(token, now);
        if (result.deviceChanged) pending.deviceChanged();
        return result;
      });
      const source =
        inbox.kind === 'SUB'
          ? { kind: 'report' as const, id: inbox.commandId }
          : { kind: 'command' as const, id: inbox.commandId };
      pending.treeChanged(written.changes, source);
      await pending.flush(events, () => deps.announceDevice(inbox.devId));
      if (written.rejected.length > 0 && written.changes.length === 0 && parsed.value.length > 0) {
        throw new InputError('None of the uploaded items could be stored.', { rejected: written.rejected });
      }
      return { nodes: written.changes.length };
    },
  };
}
