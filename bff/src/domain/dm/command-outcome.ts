import type { CommandState } from '@dmc/shared/api';
import type { StatusEntry } from '@dmc/shared/protocol';

/**
 * The state a command moves to when its status arrives (profile §8). A SHOW of one of this server's
 * pages (URL under `uiPagePrefix`) waits for the person's answer: 200 → accepted.
 */
export function outcomeState(wire: readonly string[], sc: number, uiPagePrefix?: string): CommandState {
  if (wire[0] === 'EXEC' && sc === 202) return 'accepted';
  if (wire[0] === 'SHOW' && sc === 200 && uiPagePrefix && wire[1]?.startsWith(uiPagePrefix))
    return 'accepted';
  if ((sc >= 200 && sc < 300) || sc === 304) return 'ok';
  return 'failed';
}

/** What of the status is kept as the command's result. */
export function outcomeResult(status: StatusEntry): Record<string, unknown> | null {
  const result: Record<string, unknown> = {};
  if (status.URI) result.URI = status.URI;
  if (status.Data) result.Data = status.Data;
  return Object.keys(result).length > 0 ? result : null;
}
