import { clientUrisOf, parseClientUri } from '@dmc/shared/protocol';
import { InputError } from '../errors';

/** Refuses a command whose ClientURIs (positions from the shared table) are malformed. */
export function checkClientUris(command: readonly (string | null)[]): void {
  for (const { position, uri } of clientUrisOf(command)) {
    const parsed = parseClientUri(uri);
    if (!parsed.ok) {
      throw new InputError(
        `ClientURI "${uri}" is malformed at character ${parsed.error.index}: ${parsed.error.message}`,
        { position, index: parsed.error.index },
      );
    }
  }
}
