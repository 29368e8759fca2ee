// Plain-language lines for the packages of a DM session (profile §13): what each command does, what
// each status code means and which command it answers, the alerts a device raised, and where the
// session ends. Pure: no clock, no I/O; the console and the server use the same words.
import { findMetadata, lookupNodeMeta, STANDARD_METADATA } from '../metadata/catalog';
import { describeStatus } from './status-codes';

export const SESSION_PACKAGE_KINDS = ['P0', 'P1', 'P2', 'P3', 'DR', 'UI'] as const;
export type SessionPackageKind = (typeof SESSION_PACKAGE_KINDS)[number];

export interface ExplainedLine {
  at: string;
  text: string;
}

/** One package as stored: its body is the package as exchanged (secrets already redacted). */
export interface ExplainablePackage {
  kind: SessionPackageKind;
  at: string;
  /** The HTTP status of the exchange; null when none is known. */
  status: number | null;
  body: unknown;
}

const SESSION_ALERTS: Record<string, string> = {
  'urn:oma:at:dm:2.0:ClientInitiatedMgmt': 'The device opens the session on its own (client-initiated).',
  'urn:oma:at:dm:2.0:ServerInitiatedMgmt':
    'The device answers a notification of the server (server-initiated).',
  'urn:oma:at:dm:2.0:BootstrapComplete': 'The device reports that its bootstrap is complete.',
};

const HTTP_WORDS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
  206: 'Partial content',
  304: 'Not modified',
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Too large',
  415: 'Unsupported media type',
  500: 'Server error',
  503: 'Unavailable',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** What a node is, from the standard MO documents: `./DevInfo/FwV` or `urn:…devinfo:1.0/d1/FwV`. */
export function describeNode(uri: string): string | undefined {
  const clean = uri.replace(/\/+$/, '');
  if (clean.startsWith('./')) {
    const [root, ...path] = clean.slice(2).split('/');
    const doc = STANDARD_METADATA.find((d) => d.Root === root);
    return doc ? lookupNodeMeta(doc, path.join('/'))?.Description : undefined;
  }
  const match = /^(urn:[^/]+)\/([^/]*)\/?(.*)$/.exec(clean);
  if (!match) return undefined;
  const doc = findMetadata(match[1]!);
  return doc ? lookupNodeMeta(doc, match[3] ?? '')?.Description : undefined;
}

function what(uri: string): string {
  const description = describeNode(uri);
  return description === undefined ? '' : ` (${lowerFirst(description)})`;
}

/** A DM command in words: "GET of ./DevInfo/FwV — reads the firmware version". */
export function describeCommand(command: readonly unknown[]): string {
  const [name, a, b] = command;
  const rest = command.slice(2).filter(isString);
  const node = (uri: unknown) => (isString(uri) ? `${uri}${what(uri)}` : '?');
  switch (name) {
    case 'GET': {
      const description = isString(a) ? describeNode(a) : undefined;
      const reads =
        description === undefined
          ? 'reads the value or subtree there'
          : `reads the ${lowerFirst(description)}`;
      return `GET of ${String(a)} — ${reads}.`;
    }
    case 'HGET':
      return isString(b)
        ? `HGET of ${String(a)} into ${node(b)} — the device fetches the data the server hosts there and writes it at that place.`
        : `HGET of ${String(a)} — the device fetches the data the server hosts there and writes it where the data says.`;
    case 'HPUT':
    case 'HPOST':
      return `${name} of ${rest.join(', ')} to ${String(a)} — the device uploads the data at ${rest.length === 1 ? 'that place' : 'those places'} to the server (${name === 'HPUT' ? 'PUT' : 'POST'}).`;
    case 'DELETE':
      return `DELETE of ${node(a)} — removes the node and everything under it.`;
    case 'EXEC':
      return `EXEC of ${node(a)} — runs it on the device${isString(b) ? '; the outcome may come later, to the job URL' : ''}.`;
    case 'SHOW':
      return `SHOW of ${String(a)} — opens a page in the device's browser for the person using it.`;
    case 'CONT':
      return `CONT — the device sends the next package of this session to ${String(a)}.`;
    case 'END':
      return 'END — the session ends after this package; the device sends no answer.';
    case 'DEFAULT':
      return `DEFAULT — ${String(a)} is the default configuration for ${String(b)}.`;
    case 'SUB':
      return `SUB of ${node(b)} — the device reports later changes under it to ${String(a)}.`;
    case 'UNSUB':
      return `UNSUB of ${node(a)} — the device stops reporting changes under it.`;
    default:
      return `${String(name)} — a command this server does not know.`;
  }
}

/** The short name of a status code: "200 OK", "404 Not found". */
export function statusName(sc: number): string {
  const meaning = describeStatus(sc);
  const cut = meaning.search(/[:.]/);
  return `${sc} ${cut === -1 ? meaning : meaning.slice(0, cut)}`;
}

function commandLabel(command: readonly unknown[]): string {
  const [name, ...parts] = command;
  const target = name === 'HGET' || name === 'SUB' ? (parts[1] ?? parts[0]) : parts[0];
  return isString(target) ? `the ${String(name)} of ${target}` : `the ${String(name)}`;
}

function explainAlert(alert: unknown): string {
  if (!isRecord(alert) || !isString(alert.AlertType)) return 'An alert without a type.';
  const session = SESSION_ALERTS[alert.AlertType];
  if (session !== undefined) {
    const id = isRecord(alert.Data) ? alert.Data.NotificationID : undefined;
    const shown = typeof id === 'number' || typeof id === 'string' ? id : undefined;
    return shown === undefined ? session : `${session.slice(0, -1)}, NOTIFICATION-ID ${shown}.`;
  }
  const from = isString(alert.SourceURI) ? ` from ${alert.SourceURI}` : '';
  const mark = isString(alert.Mark) ? ` (${alert.Mark})` : '';
  return `Alert ${alert.AlertType}${from}${mark}.`;
}

function alertsOf(body: Record<string, unknown>): unknown[] {
  const alerts = body.Alert;
  return Array.isArray(alerts) ? alerts : alerts === undefined ? [] : [alerts];
}

function commandsOf(body: unknown): unknown[][] {
  if (!isRecord(body) || !Array.isArray(body.CMD)) return [];
  return body.CMD.filter((c): c is unknown[] => Array.isArray(c));
}

function dataNote(entry: Record<string, unknown>): string {
  const data = entry.Data;
  if (!Array.isArray(data) || data.length === 0) return '';
  const where = data.map((d) => (isRecord(d) && isString(d.ClientURI) ? d.ClientURI : '?')).join(', ');
  return ` It carries the data of ${where}.`;
}

function explainStatus(entry: unknown, answered: readonly unknown[] | undefined): string {
  if (!isRecord(entry)) return 'A status entry that is not an object.';
  const sc = typeof entry.sc === 'number' ? entry.sc : Number(entry.sc);
  const answers = answered ? ` for ${commandLabel(answered)}` : '';
  const reported =
    Array.isArray(entry.URI) && entry.URI.length > 0 ? ` The device names ${entry.URI.join(', ')}.` : '';
  return `${statusName(sc)}${answers} — ${describeStatus(sc)}${reported}${dataNote(entry)}`;
}

function httpLabel(status: number | null): string {
  if (status === null) return 'no answer recorded';
  return `${status} ${HTTP_WORDS[status] ?? (status < 400 ? 'OK' : 'refused')}`;
}

function explainExchange(kind: 'DR' | 'UI', body: unknown, status: number | null): string {
  const record = isRecord(body) ? body : {};
  const method = isString(record.method) ? record.method : 'GET';
  const path = isString(record.path) ? record.path : '';
  const answer = httpLabel(status);
  if (kind === 'UI') {
    return method === 'GET'
      ? `The device's browser opens the page ${path} — ${answer}.`
      : `The person answers the page ${path} — ${answer}.`;
  }
  if (method === 'GET' || method === 'HEAD') {
    return status === 304
      ? `The device asks for the hosted data at ${path} — 304 Not modified: its copy is current.`
      : `The device fetches the hosted data at ${path} — ${answer}.`;
  }
  const items = Array.isArray(record.request) ? ` ${record.request.length} item(s)` : '';
  return `The device uploads${items} to ${path} (${method}) — ${answer}.`;
}

/**
 * The lines of one package. `answered`: for a P3, the commands of the P2 it answers (each status
 * answers the command at its position).
 */
export function explainPackage(
  pkg: ExplainablePackage,
  answered: readonly (readonly unknown[])[] = [],
): ExplainedLine[] {
  const { at, body } = pkg;
  const line = (text: string): ExplainedLine => ({ at, text });
  if (isRecord(body) && body.truncated === true) {
    return [
      line(
        `The ${pkg.kind} was too large to keep (${String(body.originalBytes)} bytes); only its size is stored.`,
      ),
    ];
  }
  switch (pkg.kind) {
    case 'P0': {
      const record = isRecord(body) ? body : {};
      const id =
        typeof record.notificationId === 'number' ? ` (NOTIFICATION-ID ${record.notificationId})` : '';
      return [line(`The server wakes the device with a notification${id}.`)];
    }
    case 'P1': {
      if (!isRecord(body)) return [line('The device opens a session.')];
      const lines = alertsOf(body).map((a) => line(explainAlert(a)));
      if (Array.isArray(body.MOS))
        lines.push(line(`The device reports ${body.MOS.length} management object(s) it supports.`));
      return lines.length > 0 ? lines : [line('The device opens a session.')];
    }
    case 'P2': {
      const commands = commandsOf(body);
      const lines = commands.map((c) => line(describeCommand(c)));
      if (commands.some((c) => c[0] === 'END')) lines.push(line('The session ends here.'));
      return lines.length > 0 ? lines : [line('The server sends no command.')];
    }
    case 'P3': {
      if (!isRecord(body)) return [line('The device answers.')];
      const statuses = Array.isArray(body.Status) ? body.Status : [];
      const lines = statuses.map((s, i) => line(explainStatus(s, answered[i])));
      for (const alert of alertsOf(body)) lines.push(line(explainAlert(alert)));
      return lines.length > 0 ? lines : [line('The device answers with no status.')];
    }
    case 'DR':
    case 'UI':
      return [line(explainExchange(pkg.kind, body, pkg.status))];
  }
}

/** The lines of every package of a session, in order; each P3 is read against the P2 before it. */
export function explainSession(packages: readonly ExplainablePackage[]): ExplainedLine[][] {
  let lastP2: unknown[][] = [];
  return packages.map((pkg) => {
    const lines = explainPackage(pkg, pkg.kind === 'P3' ? lastP2 : []);
    if (pkg.kind === 'P2') lastP2 = commandsOf(pkg.body);
    return lines;
  });
}
