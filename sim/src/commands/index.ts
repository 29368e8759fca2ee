import type { StatusEntry } from '@dmc/shared/protocol';
import { COMMAND_NAMES, commandParts, dmCommandSchema, STATUS, type CommandName } from '@dmc/shared/protocol';
import { cont } from './cont';
import type { CommandContext, CommandHandler } from './context';
import { defaultCommand } from './default';
import { deleteCommand } from './delete';
import { end } from './end';
import { exec } from './exec';
import { get } from './get';
import { hget } from './hget';
import { hpost } from './hpost';
import { hput } from './hput';
import { show } from './show';
import { sub } from './sub';
import { unsub } from './unsub';

export type { CommandContext, CommandInput, DeviceServices, SessionControl } from './context';

const HANDLERS: Record<CommandName, CommandHandler> = {
  HGET: hget,
  HPUT: hput,
  HPOST: hpost,
  DELETE: deleteCommand,
  EXEC: exec,
  GET: get,
  SHOW: show,
  CONT: cont,
  END: end,
  DEFAULT: defaultCommand,
  SUB: sub,
  UNSUB: unsub,
};

function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

/**
 * Runs one P2 command: 501 for an unknown name, 400 for wrong parameters; END gives undefined. The
 * handler reads the ServerURI and ClientURIs where the shared URI table puts them.
 */
export async function runCommand(
  command: readonly string[],
  ctx: CommandContext,
): Promise<StatusEntry | undefined> {
  const [name] = command;
  if (name === undefined || !isCommandName(name)) return { sc: STATUS.NOT_IMPLEMENTED };
  if (!dmCommandSchema.safeParse(command).success) return { sc: STATUS.BAD_REQUEST };
  try {
    return await HANDLERS[name]({ ...commandParts(command), command }, ctx);
  } catch (e) {
    ctx.device.log(`${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    return { sc: STATUS.COMMAND_FAILED };
  }
}
