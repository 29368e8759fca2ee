import type { MoSerialization } from '@dmc/shared/protocol';
import { MEDIA_TYPES, STATUS } from '@dmc/shared/protocol';
import { httpFetch } from '../dm-http';

const SENDABLE = [MEDIA_TYPES.moData, 'application/json'] as const;

/** The first type of ours an Accept-style list takes; undefined when it takes none. */
export function pickMediaType(accept: string | null | undefined): string | undefined {
  if (accept === undefined || accept === null || accept.trim() === '') return MEDIA_TYPES.moData;
  const listed = accept.split(',').map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '');
  if (listed.some((t) => t === '*/*' || t === 'application/*')) return MEDIA_TYPES.moData;
  return SENDABLE.find((t) => listed.includes(t));
}

/**
 * PUTs or POSTs an MO serialization to the DR (HPUT/HPOST/SUB). On 415 it retries once with a
 * type from the answer's OMADM-Accept, else 406 (protocol §4); other failures are 500.
 */
export async function uploadSerialization(
  method: 'PUT' | 'POST',
  url: string,
  items: MoSerialization,
  dmAccept: string | undefined,
): Promise<number> {
  let type = pickMediaType(dmAccept);
  if (type === undefined) return STATUS.NOT_ACCEPTABLE;
  const tried = new Set<string>();
  for (;;) {
    tried.add(type);
    let response: Response;
    try {
      response = await httpFetch(url, {
        method,
        headers: { 'Content-Type': type },
        body: JSON.stringify(items),
      });
      await response.arrayBuffer();
    } catch {
      return STATUS.COMMAND_FAILED;
    }
    if (response.ok) return STATUS.OK;
    if (response.status !== 415) return STATUS.COMMAND_FAILED;
    const next = pickMediaType(response.headers.get('omadm-accept') ?? '');
    if (next === undefined || tried.has(next)) return STATUS.NOT_ACCEPTABLE;
    type = next;
  }
}
