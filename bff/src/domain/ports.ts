// Ports of the core besides persistence: time, ids and live events. main.ts picks the implementations.
import type { ServerEventName, ServerToClientEvents } from '@dmc/shared/events';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Publishes live events to consoles; `devId` scopes detailed events to watchers of one device. */
export interface EventPublisher {
  publish<K extends ServerEventName>(
    event: K,
    payload: Parameters<ServerToClientEvents[K]>[0],
    scope?: { devId: string },
  ): void;
}

/** A publisher that drops everything (for tools that need no live events). */
export const silentPublisher: EventPublisher = { publish: () => undefined };
