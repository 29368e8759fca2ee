// The server-made URLs a new command carries (protocol §8): every EXEC gets this server's job URL,
// and a `null` ServerURI of HGET/DEFAULT, HPUT/HPOST/SUB or SHOW becomes a hosted object, an upload
// inbox or a device page. Runs inside the transaction that queues the command, so a command that is
// not queued leaves nothing behind.
import type { QueueCommandInput } from '@dmc/shared/api';
import { commandParts, serverUriPosition, targetClientUri } from '@dmc/shared/protocol';
import type { Repositories } from '../../persistence/ports';
import type { CapabilityUrls } from '../capabilities/capability-urls';
import type { HostPageInput } from '../device-pages/device-page.service';
import type { DrService } from '../dr/dr.service';
import { InputError } from '../errors';
import { checkClientUris } from './client-uris';

export interface ServerUriHosts {
  capabilities: CapabilityUrls;
  dr: Pick<DrService, 'hostObject' | 'openInbox'>;
  /** Hosts the page of a `["SHOW", null]` and returns its URL (protocol §8). */
  hostPage?: ((input: HostPageInput, repos: Repositories) => Promise<string>) | undefined;
}

export interface NewCommand {
  id: string;
  devId: string;
  input: QueueCommandInput;
  ttlS: number;
}

/** The wire command with every server-made URL filled in, and the job token of an EXEC. */
export async function fillServerUris(
  repos: Repositories,
  hosts: ServerUriHosts,
  { id, devId, input, ttlS }: NewCommand,
): Promise<{ wire: string[]; jobToken: string | null }> {
  const requested = input.command as readonly (string | null)[];
  const wire = [...requested];
  const name = requested[0];
  if (name === 'EXEC') {
    // Every EXEC carries the server's job URL, so it may finish asynchronously.
    const job = hosts.capabilities.mint('job');
    wire.push(job.url);
    return { wire: wire as string[], jobToken: job.token };
  }
  const at = serverUriPosition(name);
  const toHost = at !== undefined && wire[at] === null;
  // DEFAULT names a MOID after its ServerURI; HGET and SUB their (first) ClientURI.
  const named = name === 'DEFAULT' ? commandParts(requested).rest[0] : targetClientUri(requested);
  if (toHost && (name === 'HGET' || name === 'DEFAULT')) {
    if (!input.data)
      throw new InputError(`${name} with a server-hosted source needs "data" (the MOData to write).`);
    const target = input.dataUri ?? (name === 'HGET' ? named : `${named}//`);
    if (!target) throw new InputError('HGET without a ClientURI needs "dataUri" naming where the data goes.');
    checkClientUris(['GET', target]);
    const items = [{ ClientURI: target, MOData: input.data }];
    wire[at] = await hosts.dr.hostObject({ devId, commandId: id, items, ttlS }, repos);
  } else if (toHost && (name === 'HPUT' || name === 'HPOST' || name === 'SUB')) {
    const clientUri = name === 'SUB' ? (named ?? null) : null;
    const ttl = name === 'SUB' ? null : ttlS;
    wire[at] = await hosts.dr.openInbox({ devId, commandId: id, kind: name, clientUri, ttlS: ttl }, repos);
  } else if (toHost && name === 'SHOW' && hosts.hostPage) {
    const page = { devId, commandId: id, page: input.page, templateId: input.pageTemplateId, ttlS };
    wire[at] = await hosts.hostPage(page, repos);
  } else if (wire.some((part) => part === null)) {
    throw new InputError(
      `${name} needs an explicit ServerURI on this server (server-hosted pages are not available yet).`,
    );
  }
  return { wire: wire as string[], jobToken: null };
}
