// A device's status in one profile and its one-line reason, from its nodes and EXECs (protocol §14):
// failed if any failed; else conflicted if a higher-priority profile holds a node; else pending with
// what it waits for; else verified. Never "pending" without saying why.
import type { ProfileExecProgress, ProfileNodeProgress, ProfileStatus } from '@dmc/shared/api';

const NEXT_SESSION = "waiting for the device's next session";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a node that is not done waits for, in words. */
function waitOf(node: ProfileNodeProgress): string {
  if (node.state === 'writing') return `writing ${node.uri}`;
  if (node.state === 'reading-back') return `reading back ${node.uri}`;
  return `${node.uri}: ${node.reason ?? NEXT_SESSION}`;
}

export function deviceStatus(
  nodes: readonly ProfileNodeProgress[],
  execs: readonly ProfileExecProgress[],
): { status: ProfileStatus; reason: string | null } {
  const failedNode = nodes.find((n) => n.state === 'failed');
  if (failedNode) return { status: 'failed', reason: `${failedNode.uri}: ${failedNode.reason ?? 'failed'}` };
  const failedExec = execs.find((e) => e.state === 'failed');
  if (failedExec)
    return { status: 'failed', reason: `EXEC ${failedExec.uri}: ${failedExec.reason ?? 'failed'}` };
  const held = nodes.filter((n) => n.state === 'conflicted');
  const [first] = held;
  if (first) {
    const more = held.length > 1 ? ` (and ${plural(held.length - 1, 'other node')})` : '';
    return {
      status: 'conflicted',
      reason: `${first.uri} is ${first.reason ?? 'held by another profile'}${more}`,
    };
  }
  const open = nodes.filter((n) => n.state !== 'verified');
  const [next] = open;
  if (next) {
    const more = open.length > 1 ? ` (and ${plural(open.length - 1, 'other node')})` : '';
    return { status: 'pending', reason: `${waitOf(next)}${more}` };
  }
  const exec = execs.find((e) => e.state !== 'done');
  if (exec) {
    const what =
      exec.state === 'queued'
        ? `running EXEC ${exec.uri}`
        : `EXEC ${exec.uri}: ${exec.reason ?? NEXT_SESSION}`;
    return { status: 'pending', reason: what };
  }
  return { status: 'verified', reason: null };
}
