import type { DmCommand, P2 } from '@dmc/shared/protocol';

/** P2 body (protocol §2): the commands in the order the device must run them. */
export function encodeP2(commands: readonly DmCommand[]): P2 {
  return { CMD: commands.map((cmd) => [...cmd]) };
}
