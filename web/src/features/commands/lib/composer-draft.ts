import type { PageKind } from '@dmc/shared/api';
import { takesClientUri } from '@dmc/shared/protocol';

/** Every command an operator may compose (HGET here is a write through the DR, protocol §4). */
export const COMPOSER_KINDS = [
  'GET',
  'HGET',
  'DELETE',
  'EXEC',
  'HPUT',
  'HPOST',
  'SUB',
  'UNSUB',
  'SHOW',
  'DEFAULT',
] as const;
export type ComposerKind = (typeof COMPOSER_KINDS)[number];

export const COMPOSER_KIND_LABELS: Record<ComposerKind, string> = {
  GET: 'GET — read nodes',
  HGET: 'HGET — write a value or MO data',
  DELETE: 'DELETE — remove a node or instance',
  EXEC: 'EXEC — run an operation',
  HPUT: 'HPUT — device uploads (replace)',
  HPOST: 'HPOST — device uploads (add)',
  SUB: 'SUB — subscribe to changes',
  UNSUB: 'UNSUB — end a subscription',
  SHOW: 'SHOW — show a page to the person',
  DEFAULT: 'DEFAULT — set an MO default',
};

/** The composer's inputs; only those of the chosen kind are read. */
export type ComposerDraft = {
  kind: ComposerKind;
  clientUri: string;
  /** HPUT / HPOST / SUB: empty means the server's own upload inbox. */
  serverUri: string;
  writeMode: 'value' | 'json';
  value: string;
  /** MOData JSON for an HGET write (json mode) and DEFAULT. */
  json: string;
  moid: string;
  pageSource: 'page' | 'template';
  pageKind: PageKind;
  pageTitle: string;
  pageText: string;
  /** JSON Schema of a form page. */
  pageSchema: string;
  templateId: string;
  /** Minutes until an unsent command expires; empty = the server default. */
  ttlMin: string;
};

export const EMPTY_DRAFT: ComposerDraft = {
  kind: 'GET',
  clientUri: '',
  serverUri: '',
  writeMode: 'value',
  value: '',
  json: '',
  moid: '',
  pageSource: 'page',
  pageKind: 'consent',
  pageTitle: '',
  pageText: '',
  pageSchema: '',
  templateId: '',
  ttlMin: '',
};

/** Kinds whose ClientURI input is shown. */
export function needsClientUri(kind: ComposerKind): boolean {
  return takesClientUri(kind);
}
