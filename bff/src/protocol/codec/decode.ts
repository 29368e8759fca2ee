import {
  normaliseMoSerialization,
  p1Schema,
  p3Schema,
  SESSION_ALERT_TYPES,
  type DmCommand,
  type MoSerialization,
  type P1,
  type P3,
} from '@dmc/shared/protocol';
import {
  decodeFailure,
  isRecord,
  issue,
  neverThrow,
  withoutNulls,
  type CodecIssue,
  type DecodeResult,
} from './decode-result';
import { normaliseAlerts } from './normalise-alerts';

const SESSION_TYPES = new Set<string>(Object.values(SESSION_ALERT_TYPES));

/** A copy of a P1 or P3 with its alerts normalised and its null optional members left out (protocol §12). */
function withAlerts(body: Record<string, unknown>, optional: readonly string[]): Record<string, unknown> {
  const input = withoutNulls(body, optional);
  const alerts = normaliseAlerts(input.Alert);
  if (alerts === undefined) delete input.Alert;
  else input.Alert = alerts;
  return input;
}

/** A MOS entry as liberal clients send it: null members absent, no `MIID` read as `MIID: []` (protocol §12). */
function normaliseMoInfo(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const info = withoutNulls(raw, ['DDF', 'MOID', 'MIID']);
  if (info.MIID === undefined) info.MIID = [];
  return info;
}

/** P1 (protocol §2): MOS and alerts, with exactly one session alert. */
export function decodeP1(body: unknown): DecodeResult<P1> {
  return neverThrow('P1', () => {
    if (!isRecord(body)) return decodeFailure('P1 must be a JSON object');
    const input = withAlerts(body, ['MOS', 'Alert']);
    if (isRecord(input.MOS)) input.MOS = [input.MOS];
    if (Array.isArray(input.MOS)) input.MOS = input.MOS.map(normaliseMoInfo);
    const parsed = p1Schema.safeParse(input);
    if (!parsed.success) return decodeFailure('P1 is not a valid initiation package', parsed.error.issues);
    const sessionAlerts = (parsed.data.Alert ?? []).filter((a) => SESSION_TYPES.has(a.AlertType));
    if (sessionAlerts.length !== 1) {
      const message = `P1 must carry exactly one session alert, found ${sessionAlerts.length}`;
      return decodeFailure(message, [issue(['Alert'], message)]);
    }
    return { ok: true, value: parsed.data };
  });
}

/** The ClientURI a GET at `index` addressed, used for status data that came without one. */
function addressedUri(sent: readonly DmCommand[] | undefined, index: number): string {
  const cmd = sent?.[index];
  return cmd?.[0] === 'GET' ? cmd[1] : '';
}

type EntryOutcome = { entry: unknown; data?: MoSerialization } | { issue: CodecIssue };

function normaliseEntry(raw: unknown, index: number, sent: readonly DmCommand[] | undefined): EntryOutcome {
  if (!isRecord(raw)) return { entry: raw };
  const entry = withoutNulls(raw, ['URI', 'Data', 'MOData', 'MOS']);
  if (typeof entry.sc === 'string' && /^\d{3}$/.test(entry.sc.trim())) entry.sc = Number(entry.sc.trim());
  if (typeof entry.URI === 'string') entry.URI = [entry.URI];
  // GET results: `Data` per protocol §4; `MOData` or `MOS` from other clients (protocol §2).
  const key = ['Data', 'MOData', 'MOS'].find((k) => entry[k] !== undefined);
  if (key === undefined) return { entry };
  const value = entry[key];
  // A record without an MOData key is the MOData itself: `"MOData": { "CBT": "3" }`.
  const candidate = isRecord(value) && !Object.hasOwn(value, 'MOData') ? { MOData: value } : value;
  const data = normaliseMoSerialization(candidate, addressedUri(sent, index));
  if (!data.ok) return { issue: issue(['Status', index, key], data.error) };
  delete entry[key];
  return { entry, data: data.value };
}

/**
 * P3 (protocol §4): statuses in command order plus alerts. Status data sent as `MOData` or `MOS`, as a single
 * element or as a bare MOData object, ends up in `Data`. Give the commands of the P2 being answered so that
 * data without a ClientURI gets the GET's ClientURI (otherwise it is '').
 */
export function decodeP3(body: unknown, sent?: readonly DmCommand[]): DecodeResult<P3> {
  return neverThrow('P3', () => {
    if (!isRecord(body)) return decodeFailure('P3 must be a JSON object');
    const input = withAlerts(body, ['Alert']);
    const data = new Map<number, MoSerialization>();
    if (Array.isArray(input.Status)) {
      const issues: CodecIssue[] = [];
      input.Status = input.Status.map((raw: unknown, i) => {
        const out = normaliseEntry(raw, i, sent);
        if ('issue' in out) {
          issues.push(out.issue);
          return raw;
        }
        if (out.data !== undefined) data.set(i, out.data);
        return out.entry;
      });
      if (issues.length > 0)
        return decodeFailure('P3 carries status data that is not an MO serialization', issues);
    }
    const parsed = p3Schema.safeParse(input);
    if (!parsed.success) return decodeFailure('P3 is not a valid status package', parsed.error.issues);
    for (const [i, items] of data) {
      const entry = parsed.data.Status[i];
      if (entry !== undefined) entry.Data = items;
    }
    return { ok: true, value: parsed.data };
  });
}

/** MO data uploaded to a DR inbox by HPUT, HPOST or SUB (protocol §1, §5). */
export function decodeMoUpload(body: unknown, fallbackClientUri = ''): DecodeResult<MoSerialization> {
  return neverThrow('MO data', () => {
    const result = normaliseMoSerialization(body, fallbackClientUri);
    if (!result.ok)
      return decodeFailure(`not an MO serialization: ${result.error}`, [issue([], result.error)]);
    return { ok: true, value: result.value };
  });
}
