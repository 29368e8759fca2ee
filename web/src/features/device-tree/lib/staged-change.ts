import type { QueueCommandInput } from '@dmc/shared/api';
import type { MoData } from '@dmc/shared/protocol';
import { refUri, type NodeRef } from './node-ref';

export type StagedChangeKind = 'edit' | 'add' | 'delete';

/** One change waiting in the drawer: what it does, and the queue body that does it. */
export type StagedChange = NodeRef & {
  id: string;
  kind: StagedChangeKind;
  clientUri: string;
  oldValue: string | null;
  newValue: string | null;
  input: QueueCommandInput;
};

export type StagedChangeDraft = Omit<StagedChange, 'id'>;

function lastName(path: string, fallback: string): string {
  return path === '' ? fallback : (path.split('/').at(-1) ?? fallback);
}

/** Writes a leaf: the server hosts `{ <leaf>: value }` and sends `HGET <DR URL> <ClientURI>` (protocol §4). */
export function editChange(ref: NodeRef, oldValue: string | null, newValue: string): StagedChangeDraft {
  const clientUri = refUri(ref);
  return {
    ...ref,
    kind: 'edit',
    clientUri,
    oldValue,
    newValue,
    input: { command: ['HGET', null, clientUri], data: { [lastName(ref.path, '')]: newValue } },
  };
}

/** Creates a node (an `<x>` instance) with its subtree; `data` is keyed by the new node's name. */
export function addChange(ref: NodeRef, data: MoData): StagedChangeDraft {
  const clientUri = refUri(ref);
  return {
    ...ref,
    kind: 'add',
    clientUri,
    oldValue: null,
    newValue: null,
    input: { command: ['HGET', null, clientUri], data },
  };
}

export function deleteChange(ref: NodeRef): StagedChangeDraft {
  const clientUri = refUri(ref);
  return {
    ...ref,
    kind: 'delete',
    clientUri,
    oldValue: null,
    newValue: null,
    input: { command: ['DELETE', clientUri] },
  };
}
