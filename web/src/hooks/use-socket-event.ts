import { useEffect, useEffectEvent } from 'react';
import type { z } from 'zod';
import { serverEventSchemas, type ServerEventName } from '@dmc/shared/events';
import { useSocket } from '../lib/socket-context';

export type ServerEventPayload<K extends ServerEventName> = z.infer<(typeof serverEventSchemas)[K]>;

/** Listens to one server event; every payload is parsed with its shared schema, bad ones are dropped. */
export function useSocketEvent<K extends ServerEventName>(
  event: K,
  handler: (payload: ServerEventPayload<K>) => void,
): void {
  const socket = useSocket();
  const onEvent = useEffectEvent(handler);
  useEffect(() => {
    // TS cannot narrow an indexed access on a generic key; the map pairs each name with its schema.
    const schema = serverEventSchemas[event] as unknown as z.ZodType<ServerEventPayload<K>>;
    const listener = (raw: unknown) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) onEvent(parsed.data);
      else console.warn(`Ignored a malformed '${event}' event`, parsed.error.issues);
    };
    // Typed loosely on purpose: the payload is untrusted until the schema has parsed it.
    const untyped = socket as unknown as {
      on(e: string, l: (raw: unknown) => void): void;
      off(e: string, l: (raw: unknown) => void): void;
    };
    untyped.on(event, listener);
    return () => untyped.off(event, listener);
  }, [event, socket]);
}
