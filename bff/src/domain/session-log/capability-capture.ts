// DR and device-page requests in the session inspector (profile §13): an HGET's fetch of hosted
// data, an HPUT/HPOST/SUB upload, a SHOW page opened or answered. Each is linked to the command
// whose capability URL it used, and through it to the session that carried that command. Written
// beside the answer, after it went out: never on the DM path, never delaying the device.
import type { Logger } from 'pino';
import type { SessionPackageKind, Store } from '../../persistence/ports';
import { redactCapabilityPath } from '../capabilities/capability-urls';
import { storedBody } from './redact-package';

/** A request to a capability URL of a command, as the HTTP edge saw it. */
export interface CapabilityRequest {
  capability: 'object' | 'inbox' | 'page';
  token: string;
  method: string;
  /** The request path (its token is redacted before it is stored). */
  path: string;
  status: number;
  durationMs: number;
  at: Date;
  /** The upload or form as received, when there was one. */
  requestBody?: unknown;
}

export interface CapabilityCapture {
  /** Records `request` in the background. */
  record(request: CapabilityRequest): void;
  /** Settles when the records in progress are written (tests). */
  idle(): Promise<void>;
}

/** Writes beyond this many in progress are dropped rather than queued without bound. */
const MAX_IN_FLIGHT = 256;

interface Owner {
  devId: string;
  commandId: string | null;
  /** The hosted data an HGET fetched. */
  served?: string;
}

export function createCapabilityCapture(store: Store, deps: { log: Logger }): CapabilityCapture {
  const inFlight = new Set<Promise<void>>();

  async function ownerOf(request: CapabilityRequest): Promise<Owner | undefined> {
    switch (request.capability) {
      case 'object': {
        const row = await store.drObjects.find(request.token);
        return row && { devId: row.devId, commandId: row.commandId, served: row.body };
      }
      case 'inbox':
        return store.inboxes.find(request.token);
      case 'page':
        return store.devicePages.find(request.token);
    }
  }

  function bodyOf(request: CapabilityRequest, owner: Owner): Record<string, unknown> {
    const body: Record<string, unknown> = {
      method: request.method,
      path: redactCapabilityPath(request.path),
    };
    if (request.requestBody !== undefined) body.request = request.requestBody;
    if (owner.served !== undefined && request.status === 200 && request.method === 'GET') {
      try {
        body.response = JSON.parse(owner.served) as unknown;
      } catch {
        body.response = owner.served;
      }
    }
    return body;
  }

  async function write(request: CapabilityRequest): Promise<void> {
    const owner = await ownerOf(request);
    if (!owner?.commandId) return;
    const command = await store.commands.find(owner.commandId);
    if (!command?.sessionId) return;
    const kind: SessionPackageKind = request.capability === 'page' ? 'UI' : 'DR';
    await store.sessionLog.add([
      {
        sessionId: command.sessionId,
        devId: owner.devId,
        kind,
        at: request.at,
        status: request.status,
        durationMs: Math.max(0, Math.round(request.durationMs)),
        commandId: command.id,
        commands: 0,
        ...storedBody(bodyOf(request, owner)),
      },
    ]);
  }

  return {
    record(request) {
      if (inFlight.size >= MAX_IN_FLIGHT) return;
      const running = write(request).catch((err: unknown) =>
        deps.log.warn({ err }, 'cannot record a DR or page request for the session inspector'),
      );
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running));
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
