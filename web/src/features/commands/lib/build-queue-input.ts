import { queueCommandInputSchema, type QueueCommandInput } from '@dmc/shared/api';
import { parseClientUri } from '@dmc/shared/protocol';
import { needsClientUri, type ComposerDraft } from './composer-draft';

export type DraftField = keyof ComposerDraft;
export type BuildResult =
  { ok: true; input: QueueCommandInput } | { ok: false; field: DraftField; message: string };

const fail = (field: DraftField, message: string): BuildResult => ({ ok: false, field, message });

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Name of the addressed node: MOData of a write is keyed by it (protocol §5). */
function addressedName(clientUri: string): string | undefined {
  const parsed = parseClientUri(clientUri);
  if (!parsed.ok) return undefined;
  const last = parsed.value.path.at(-1);
  return last?.kind === 'name' ? last.name : undefined;
}

function commandOf(draft: ComposerDraft): BuildResult | { command: unknown; extra: Record<string, unknown> } {
  const uri = draft.clientUri.trim();
  const serverUri = draft.serverUri.trim() === '' ? null : draft.serverUri.trim();
  switch (draft.kind) {
    case 'GET':
    case 'DELETE':
    case 'EXEC':
    case 'UNSUB':
      return { command: [draft.kind, uri], extra: {} };
    case 'HPUT':
    case 'HPOST':
    case 'SUB':
      return { command: [draft.kind, serverUri, uri], extra: {} };
    case 'HGET': {
      if (draft.writeMode === 'json') {
        const data = parseJsonObject(draft.json);
        if (!data) return fail('json', 'MO data must be a JSON object, e.g. {"FwV": "2.0"}.');
        return { command: ['HGET', null, uri], extra: { data } };
      }
      const name = addressedName(uri);
      if (!name) return fail('clientUri', 'Name one node to write its value, or write MO data as JSON.');
      return { command: ['HGET', null, uri], extra: { data: { [name]: draft.value } } };
    }
    case 'DEFAULT': {
      const data = parseJsonObject(draft.json);
      if (!data) return fail('json', 'MO data must be a JSON object.');
      return { command: ['DEFAULT', null, draft.moid.trim()], extra: { data } };
    }
    case 'SHOW': {
      if (draft.pageSource === 'template') {
        if (!draft.templateId) return fail('templateId', 'Choose a page template.');
        return { command: ['SHOW', null], extra: { pageTemplateId: draft.templateId } };
      }
      const page: Record<string, unknown> = {
        kind: draft.pageKind,
        title: draft.pageTitle.trim(),
        text: draft.pageText.trim(),
      };
      if (draft.pageKind === 'form') {
        const schema = parseJsonObject(draft.pageSchema);
        if (!schema) return fail('pageSchema', 'A form page needs its fields as a JSON Schema object.');
        page.schema = schema;
      }
      return { command: ['SHOW', null], extra: { page } };
    }
  }
}

/** Turns the composer's inputs into the queue body (protocol §8), or says which input is wrong. */
export function buildQueueInput(draft: ComposerDraft): BuildResult {
  if (needsClientUri(draft.kind) && draft.clientUri.trim() === '')
    return fail('clientUri', 'Enter a ClientURI.');
  if (draft.kind === 'DEFAULT' && draft.moid.trim() === '') return fail('moid', 'Enter the MOID.');
  const built = commandOf(draft);
  if ('ok' in built) return built;
  const ttl = draft.ttlMin.trim();
  const ttlS = ttl === '' ? undefined : Math.round(Number(ttl) * 60);
  if (ttlS !== undefined && !(Number.isFinite(ttlS) && ttlS >= 1)) {
    return fail('ttlMin', 'Time to live is a number of minutes.');
  }
  const parsed = queueCommandInputSchema.safeParse({
    command: built.command,
    ...built.extra,
    ...(ttlS === undefined ? {} : { ttlS }),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String) ?? [];
    const field: DraftField =
      path[0] === 'page'
        ? path[1] === 'title'
          ? 'pageTitle'
          : path[1] === 'text'
            ? 'pageText'
            : 'pageSchema'
        : path[0] === 'ttlS'
          ? 'ttlMin'
          : draft.kind === 'DEFAULT'
            ? 'moid'
            : 'clientUri';
    return fail(field, issue?.message ?? 'This command is not valid.');
  }
  return { ok: true, input: parsed.data };
}
