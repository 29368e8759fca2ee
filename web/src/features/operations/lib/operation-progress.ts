import type { DeviceTree, OperationRecord, OperationState } from '@dmc/shared/api';
import {
  describeFumoResult,
  describeFumoState,
  describeScomoResult,
  STANDARD_MOIDS,
} from '@dmc/shared/protocol';

export const OPERATION_STATE_COLOR: Record<OperationState, string> = {
  'waiting-consent': 'yellow',
  postponed: 'grape',
  running: 'blue',
  verifying: 'cyan',
  ok: 'teal',
  failed: 'red',
  declined: 'orange',
  cancelled: 'dark',
};

export const OPERATION_STATE_WORDS: Record<OperationState, string> = {
  'waiting-consent': 'waiting for consent',
  postponed: 'postponed',
  running: 'running',
  verifying: 'verifying the version',
  ok: 'ok',
  failed: 'failed',
  declined: 'declined',
  cancelled: 'cancelled',
};

/** The FUMO State node of each instance in words, e.g. "fw: Download Complete (40)". */
export function fumoStates(tree: DeviceTree | undefined): string[] {
  return (tree?.instances ?? [])
    .filter((i) => i.moid === STANDARD_MOIDS.fumo)
    .flatMap((i) => {
      const value = i.nodes.find((n) => n.path === 'State')?.value;
      const state = value === null || value === undefined ? NaN : Number(value);
      return Number.isInteger(state) ? [`${i.miid || 'FUMO'}: ${describeFumoState(state)} (${state})`] : [];
    });
}

/** The outcome code an operation recorded, in words (FUMO result or SCOMO result code). */
export function describeOutcome(op: OperationRecord): string | null {
  const result = op.result as {
    sc?: unknown;
    reason?: unknown;
    answer?: unknown;
    postponeS?: unknown;
    expected?: unknown;
    reported?: unknown;
  } | null;
  if (!result) return null;
  if (result.reason === 'version-mismatch') {
    const reported = typeof result.reported === 'string' ? `"${result.reported}"` : 'no version';
    return `Version mismatch: expected "${String(result.expected)}", the device reports ${reported}.`;
  }
  if (typeof result.reason === 'string') return `Stopped: ${result.reason}`;
  if (result.answer === 'decline') return 'The person declined.';
  if (typeof result.postponeS === 'number')
    return `Postponed by the person for ${Math.round(result.postponeS / 60)} min.`;
  if (typeof result.sc === 'number') {
    const meaning =
      op.kind === 'firmware-update' ? describeFumoResult(result.sc) : describeScomoResult(result.sc);
    return `${result.sc} ${meaning}`;
  }
  return null;
}
