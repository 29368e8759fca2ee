import type { CommandParts, DmAlert, StatusEntry } from '@dmc/shared/protocol';
import type { MoStore } from '../mo-store';
import type { Subscriptions } from '../subscriptions';

/** What a command may change about the session it runs in. */
export interface SessionControl {
  /** CONT: later P3s of this session go to `url`. */
  setContinuation(url: string): void;
  /** END: no P3 after this package. */
  end(): void;
  /** The P2's OMADM-Accept header: MIME types the server takes for uploads (protocol §2). */
  readonly dmAccept: string | undefined;
}

/** The device-side services commands use. */
export interface DeviceServices {
  readonly store: MoStore;
  readonly subscriptions: Subscriptions;
  /** DEFAULT: configuration source per MOID. */
  readonly defaults: Map<string, string>;
  /** Downloaded firmware/software packages, by the ClientURI of the node they belong to. */
  readonly downloads: Map<string, Uint8Array>;
  log(line: string): void;
  /** Whether a successful FUMO update leaves DevInfo/FwV at the old version (SimDevice.firmwareLies). */
  firmwareLies(): boolean;
  browser(url: string): Promise<boolean>;
  /** Runs `work` in the background and delivers its alert in a new session at `serverUri` (protocol §4 EXEC). */
  reportLater(serverUri: string, work: () => Promise<DmAlert>): void;
}

export interface CommandContext {
  device: DeviceServices;
  session: SessionControl;
}

/** One P2 command, split into its ServerURI, ClientURIs and other parts by the shared URI table. */
export interface CommandInput extends CommandParts<string> {
  /** The command as it arrived, its name first. */
  readonly command: readonly string[];
}

/** Runs one command; END answers undefined (no status). */
export type CommandHandler = (input: CommandInput, ctx: CommandContext) => Promise<StatusEntry | undefined>;

export function status(sc: number): StatusEntry {
  return { sc };
}

export function isHttpUrl(text: string | undefined): text is string {
  if (text === undefined) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Logs why a command was refused and returns its status. */
export function refused(ctx: CommandContext, name: string, r: { sc: number; message: string }): StatusEntry {
  ctx.device.log(`${name} refused ${r.sc}: ${r.message}`);
  return status(r.sc);
}
