// The Data Repository (protocol §1, §4): bodies the server hosts for HGET, and upload inboxes for
// HPUT, HPOST and SUB change reports, whose contents update the device's stored tree.
import type { MoMetadata } from '@dmc/shared/metadata';
import type { MoSerialization } from '@dmc/shared/protocol';
import { MEDIA_TYPES, normaliseMoSerialization } from '@dmc/shared/protocol';
import type { DrObjectRow, InboxKind, Repositories, Store } from '../../persistence/ports';
import type { Clock, EventPublisher } from '../ports';
import { capabilityUrls } from '../capabilities/capability-urls';
import { ForbiddenError, InputError, NotFoundError } from '../errors';
import { createPendingEvents } from '../dm/pending-events';
import type { PushUrlPolicy } from '../notify/push-url-policy';
import { DEFAULT_TREE_LIMITS, type TreeLimits } from '../tree/tree-limits';
import { storeReport } from '../tree/tree-updates';
import { DEFAULT_SUB_INBOX_IDLE_S, inboxClosedReason } from './inbox-lifetime';
import { inboxScope, outsideScope, watchesGoneInstance } from './inbox-scope';

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
  /**
   * Stores an upload in the device's tree. Throws NotFoundError for an unknown or closed inbox
   * (inbox-lifetime.ts) and ForbiddenError, storing nothing, when it writes outside the subtrees its
   * command named (inbox-scope.ts).
   */
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
    /** Which push URLs a DMAcc upload may set (protocol §12); public addresses only when absent. */
    pushUrls?: PushUrlPolicy;
    /** DMC_SUB_INBOX_IDLE_S: a SUB inbox without an upload for this long is closed. */
    subInboxIdleS?: number;
    /** Nodes per upload and per device (protocol §12); an upload over them gets 413. */
    treeLimits?: TreeLimits;
  },
): DrService {
  const { clock, events } = deps;
  const urls = capabilityUrls(deps.publicUrl);
  const subIdleS = deps.subInboxIdleS ?? DEFAULT_SUB_INBOX_IDLE_S;

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
      const closed = new NotFoundError('No such upload address.');
      // Checked before the body is read, and again inside the transaction that stores it.
      const found = await store.inboxes.find(token);
      const foundCommand = found?.commandId ? await store.commands.find(found.commandId) : undefined;
      if (!found || inboxClosedReason(found, foundCommand, now, subIdleS) !== undefined) throw closed;
      const parsed = normaliseMoSerialization(body);
      if (!parsed.ok) throw new InputError(`Not an MO serialization: ${parsed.error}`);
      const pending = createPendingEvents(found.devId, '', now);
      const taken = await store.transaction(async (repos) => {
        // Lock order (ARCHITECTURE.md, invariants): the device row before the inbox and tree rows.
        await repos.devices.lock(found.devId);
        const inbox = await repos.inboxes.find(token);
        const command = inbox?.commandId ? await repos.commands.find(inbox.commandId) : undefined;
        if (!inbox || inboxClosedReason(inbox, command, now, subIdleS) !== undefined) {
          return { kind: 'closed' as const };
        }
        const scope = inboxScope(inbox, command);
        const instances = await repos.tree.listInstances(inbox.devId);
        if (inbox.kind === 'SUB' && watchesGoneInstance(scope, instances))
          return { kind: 'orphaned' as const };
        const outside = outsideScope(parsed.value, scope, instances);
        if (outside.length > 0) return { kind: 'outside' as const, outside };
        const result = await storeReport(repos, inbox.devId, parsed.value, now, {
          extraMetadata: deps.extraMetadata?.() ?? [],
          limits: deps.treeLimits ?? DEFAULT_TREE_LIMITS,
          ...(deps.pushUrls ? { pushUrls: deps.pushUrls } : {}),
          cause: { at: now, source: 'upload', sessionId: null, commandId: inbox.commandId },
        });
        await repos.inboxes.recordUpload(token, now);
        if (result.deviceChanged) pending.deviceChanged();
        return { kind: 'stored' as const, result };
      });
      if (taken.kind === 'orphaned') await store.inboxes.remove(token);
      if (taken.kind === 'closed' || taken.kind === 'orphaned') throw closed;
      if (taken.kind === 'outside') {
        throw new ForbiddenError(
          'The upload writes outside the subtrees its command named; nothing was stored.',
          { outside: taken.outside.slice(0, 20) },
        );
      }
      const inbox = found;
      const written = taken.result;
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
