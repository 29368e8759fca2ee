// What profile enforcement reads of a device inside its DM transaction: the stored values of the
// profile nodes (one indexed read per MO they lie in), what the profile commands did (one read of
// their ids), and, only when a write is due, the dry run's tree and the running campaigns' commands.
import type { QueueCommandInput } from '@dmc/shared/api';
import type { MoMetadata } from '@dmc/shared/metadata';
import { clientUrisOf, parseClientUri, type ClientUri } from '@dmc/shared/protocol';
import { dryRunCommand } from '@dmc/shared/validation';
import type { Repositories, TreeNodeRow } from '../../../persistence/ports';
import type { CommandFact, NodeVerdict } from './plan';

/** The MOID of a ClientURI, or undefined when it does not parse. */
function moidOf(uri: string): string | undefined {
  const parsed = parseClientUri(uri);
  return parsed.ok ? parsed.value.moid : undefined;
}

/** The stored node a concrete ClientURI names: its MIID (or the only instance's) and path. */
function locate(uri: ClientUri, nodes: readonly TreeNodeRow[]): TreeNodeRow | undefined {
  if (!uri.path.every((s) => s.kind === 'name')) return undefined;
  const path = uri.path.map((s) => (s.kind === 'name' ? s.name : '')).join('/');
  const { instance } = uri;
  let miid: string | undefined;
  if (instance.kind === 'miid') miid = instance.miid;
  else if (instance.kind === 'only') {
    const miids = new Set(nodes.map((n) => n.miid));
    if (miids.size === 1) [miid] = miids;
  }
  return miid === undefined ? undefined : nodes.find((n) => n.miid === miid && n.path === path);
}

export interface StoredNodes {
  /** Stored value by ClientURI; a node the tree does not hold is absent. */
  values: Map<string, string | null>;
  /** Every stored node of the MOs read (what the dry run needs of them). */
  nodes: TreeNodeRow[];
}

/** The stored values of `uris` (parsed in `parsed`), reading each MO they lie in once. */
export async function readStored(
  repos: Repositories,
  devId: string,
  uris: readonly string[],
  parsed: ReadonlyMap<string, ClientUri>,
): Promise<StoredNodes> {
  const wanted = new Map<string, ClientUri>();
  for (const uri of uris) {
    const clientUri = parsed.get(uri);
    if (clientUri) wanted.set(uri, clientUri);
  }
  const ofMoid = new Map<string, TreeNodeRow[]>();
  const nodes: TreeNodeRow[] = [];
  for (const { moid } of wanted.values()) {
    if (ofMoid.has(moid)) continue;
    const rows = await repos.tree.listNodes(devId, { moid });
    ofMoid.set(moid, rows);
    nodes.push(...rows);
  }
  const values = new Map<string, string | null>();
  for (const [uri, clientUri] of wanted) {
    const found = locate(clientUri, ofMoid.get(clientUri.moid) ?? []);
    if (found) values.set(uri, found.value);
  }
  return { values, nodes };
}

/** What the profile commands `ids` did; a command that does not exist is absent. */
export async function readFacts(
  repos: Repositories,
  ids: readonly string[],
): Promise<Map<string, CommandFact>> {
  if (ids.length === 0) return new Map();
  const rows = await repos.campaignDevices.commandOutcomes([...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, { state: r.state, sc: r.sc, reason: r.reason }]));
}

/** True when one ClientURI addresses the other, an ancestor or a descendant of it. */
export function overlaps(a: ClientUri, b: ClientUri): boolean {
  if (a.moid.toLowerCase() !== b.moid.toLowerCase()) return false;
  const ia = a.instance;
  const ib = b.instance;
  if (ia.kind === 'miid' && ib.kind === 'miid' && ia.miid !== ib.miid) return false;
  const n = Math.min(a.path.length, b.path.length);
  for (let i = 0; i < n; i += 1) {
    const sa = a.path[i];
    const sb = b.path[i];
    if (sa?.kind === 'name' && sb?.kind === 'name' && sa.name !== sb.name) return false;
  }
  return true;
}

/** The HGET a profile write is: the value, keyed by the leaf's name, in a hosted object. */
export function writeInput(uri: string, value: string): QueueCommandInput {
  const parsed = parseClientUri(uri);
  const last = parsed.ok ? parsed.value.path.at(-1) : undefined;
  const name = last?.kind === 'name' ? last.name : '';
  return { command: ['HGET', null, uri], data: { [name]: value } };
}

const OPEN = new Set(['queued', 'sent', 'accepted']);

/** Campaigns whose command, still open on the device, touches a node: by ClientURI, the campaign's name. */
async function campaignHolds(
  repos: Repositories,
  devId: string,
  uris: readonly string[],
): Promise<Map<string, string>> {
  const holds = new Map<string, string>();
  const running = (await repos.campaignDevices.listForDevice(devId, 20)).filter(
    (d) => d.state === 'running' && d.commandId !== null,
  );
  for (const member of running) {
    const command = member.commandId === null ? undefined : await repos.commands.find(member.commandId);
    if (!command || !OPEN.has(command.state)) continue;
    const touched = clientUrisOf(command.command).flatMap(({ uri }) => {
      const p = parseClientUri(uri);
      return p.ok ? [p.value] : [];
    });
    for (const uri of uris) {
      const target = parseClientUri(uri);
      if (target.ok && !holds.has(uri) && touched.some((t) => overlaps(t, target.value)))
        holds.set(uri, member.campaignName);
    }
  }
  return holds;
}

/**
 * The verdict on each write: refused by the dry run (protocol §8, the same as console commands),
 * held by a running campaign (never compete), or allowed.
 */
export async function judgeWrites(
  repos: Repositories,
  devId: string,
  writes: readonly { uri: string; value: string }[],
  stored: StoredNodes,
  extraMetadata: readonly MoMetadata[],
): Promise<Map<string, NodeVerdict>> {
  const verdicts = new Map<string, NodeVerdict>();
  if (writes.length === 0) return verdicts;
  const instances = await repos.tree.listInstances(devId);
  const moids = new Set(writes.map((w) => moidOf(w.uri)));
  const tree = { instances, nodes: stored.nodes.filter((n) => moids.has(n.moid)) };
  const holds = await campaignHolds(
    repos,
    devId,
    writes.map((w) => w.uri),
  );
  for (const { uri, value } of writes) {
    const result = dryRunCommand(writeInput(uri, value), tree, extraMetadata);
    const [problem] = result.problems;
    const campaign = holds.get(uri);
    if (!result.ok && problem) verdicts.set(uri, { kind: 'refused', reason: problem.message });
    else if (campaign !== undefined) verdicts.set(uri, { kind: 'campaign', campaign });
    else verdicts.set(uri, { kind: 'allowed' });
  }
  return verdicts;
}
