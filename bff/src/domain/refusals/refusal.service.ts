// Refused contacts (issue 12): a device refused at /dm, at its CONT or job URL, or at a DR inbox is
// recorded, so an operator can tell why a device is locked out. A record holds when, where, the
// HTTP status, the error code and a short reason in words: never a credential, a header or a body.
// Only registered devices get records, the newest RECORDS_KEPT each, and writes are rate-limited
// (refusal-limiter.ts). Recording runs beside the answer: it never delays or fails it.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RefusalEndpoint, RefusalList } from '@dmc/shared/api';
import type { RefusalRow, Store } from '../../persistence/ports';
import { NotFoundError } from '../errors';
import { deviceRefused, publish } from '../events/live-events';
import type { Clock, EventPublisher } from '../ports';
import { createRefusalLimiter, type RefusalLimits } from './refusal-limiter';
import { toRefusalRecord } from './refusal-view';

/** Records kept per device. */
export const RECORDS_KEPT = 20;
/** A reason longer than this is cut. */
const MAX_REASON = 300;

/** A refused request, as the transport saw it. */
export interface RefusalReport {
  endpoint: RefusalEndpoint;
  status: number;
  code: string;
  reason: string;
}

export interface RefusalService {
  /** Records a refusal of `devId` (the DevID the request named), in the background. */
  report(devId: string, report: RefusalReport): void;
  /** Records a refusal of an upload to the inbox `token`, for the inbox's device, in the background. */
  reportForInbox(token: string, report: RefusalReport): void;
  /** The device's refused contacts, newest first; NotFoundError for an unknown device. */
  listForDevice(devId: string): Promise<RefusalList>;
  /** Settles when the records in progress are written (tests). */
  idle(): Promise<void>;
}

/** One line of plain text, bounded. */
function plain(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line;
}

export function createRefusalService(
  store: Store,
  deps: { clock: Clock; events: EventPublisher; log: Logger; limits?: RefusalLimits },
): RefusalService {
  const limiter = createRefusalLimiter(deps.limits);
  const inFlight = new Set<Promise<void>>();

  function track(work: Promise<void>): void {
    const running = work.catch((err: unknown) => deps.log.warn({ err }, 'cannot record a refused contact'));
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
  }

  async function write(devId: string, report: RefusalReport, suppressed: number): Promise<void> {
    const row: RefusalRow = {
      id: randomUUID(),
      devId,
      at: deps.clock.now(),
      endpoint: report.endpoint,
      status: report.status,
      code: report.code,
      reason: plain(report.reason),
      suppressed,
    };
    if (await store.refusals.add(row, RECORDS_KEPT)) publish(deps.events, deviceRefused(row));
  }

  function report(devId: string, refusal: RefusalReport): void {
    const id = devId.trim();
    if (id === '' || id.length > 256) return;
    const admitted = limiter.admit(id, deps.clock.now().getTime());
    if (admitted.admitted) track(write(id, refusal, admitted.suppressed));
  }

  return {
    report,
    reportForInbox(token, refusal) {
      // The inbox is looked up only for a refusal that may be written: one bucket for all devices.
      const admitted = limiter.admit(`inbox:${token.slice(0, 64)}`, deps.clock.now().getTime());
      if (!admitted.admitted) return;
      track(
        store.inboxes.find(token).then((inbox) => {
          if (inbox) report(inbox.devId, refusal);
        }),
      );
    },
    async listForDevice(devId) {
      if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
      const rows = await store.refusals.listByDevice(devId, RECORDS_KEPT);
      return { items: rows.map(toRefusalRecord) };
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
