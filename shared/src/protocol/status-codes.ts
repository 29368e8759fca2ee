/** DM 2.0 `sc` values (HTTP-style; profile §4, reference §9). */
export const STATUS = {
  OK: 200,
  ACCEPTED: 202,
  NOT_MODIFIED: 304,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  COMMAND_FAILED: 500,
  NOT_IMPLEMENTED: 501,
  BUSY: 503,
} as const;
export type StatusCode = (typeof STATUS)[keyof typeof STATUS];

const MEANINGS: Record<number, string> = {
  200: 'OK: the command was carried out.',
  202: 'Accepted: the device will report the outcome later, in a new session.',
  304: 'Not modified: the cached copy is still current, so no data was sent.',
  400: 'Bad request: the command or its ClientURI is malformed.',
  401: 'Not authorized.',
  403: 'Forbidden: this server may not manage that node.',
  404: 'Not found: the node or instance does not exist on the device.',
  405: 'Not allowed: the node does not permit this command (for example a permanent node).',
  406: 'Not acceptable: no common data format.',
  409: 'Conflict: the ClientURI is ambiguous or cannot be resolved.',
  413: 'Too large.',
  415: 'Unsupported media type.',
  500: 'Command failed on the device (for example a transfer to or from the server failed).',
  501: 'Not implemented: the device does not support this command.',
  503: 'Busy: the device could not run the command now.',
};

/** A plain-language explanation of a status code, for people reading the console. */
export function describeStatus(sc: number): string {
  const known = MEANINGS[sc];
  if (known !== undefined) return known;
  if (sc >= 200 && sc < 300) return 'Success.';
  if (sc >= 400 && sc < 500) return 'The device refused the command.';
  if (sc >= 500) return 'The device failed to run the command.';
  return 'Unknown status code.';
}
