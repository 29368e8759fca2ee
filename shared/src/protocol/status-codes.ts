/** DM 2.0 `sc` values (HTTP-style; protocol §4, protocol §4). */
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
  // SCOMO and DCMO report DM 1.x style result codes in their outcome alerts (protocol §5.4).
  if (sc >= 1000) return describeScomoResult(sc);
  if (sc >= 400 && sc < 500) return 'The device refused the command.';
  if (sc >= 500) return 'The device failed to run the command.';
  return 'Unknown status code.';
}

// FUMO result codes (OMA FUMO TS), reported in the outcome alert's Data.DM1x.
const FUMO_RESULTS: Record<number, string> = {
  200: 'Successful: the firmware update completed.',
  400: 'Client error: the update failed on the device.',
  401: 'User cancelled: the user declined or cancelled the update.',
  402: 'Corrupted firmware update package.',
  403: 'Firmware update package and device mismatch.',
  404: 'Failed firmware update package validation.',
  405: 'Firmware update package not acceptable.',
  406: 'Alternate download authentication failure.',
  407: 'Alternate download request time-out.',
  408: 'Not implemented on the device.',
  409: 'Undefined error on the device.',
  410: 'Firmware update failed.',
  411: 'Malformed or bad URL.',
  412: 'Alternate download server unavailable.',
  500: 'Alternate download server error.',
  501: 'Download failed: the device ran out of memory.',
  502: 'Firmware update failed: the device ran out of memory.',
  503: 'Download failed: network error.',
};

/** A plain-language explanation of a FUMO result code (200, 250–299, 400–412, 450–499, 500–503, 550–599). */
export function describeFumoResult(code: number): string {
  const known = FUMO_RESULTS[code];
  if (known !== undefined) return known;
  if (code >= 250 && code <= 299) return 'Successful (vendor-specific result).';
  if (code >= 450 && code <= 499) return 'Client error (vendor-specific result).';
  if (code >= 550 && code <= 599) return 'Alternate download server error (vendor-specific result).';
  if (code >= 200 && code <= 299) return 'Successful.';
  if (code >= 400 && code <= 499) return 'Client error.';
  if (code >= 500 && code <= 599) return 'Server or network error.';
  return 'Unknown result code.';
}

// SCOMO result codes (OMA SCOMO TS): DM 1.x style, the FUMO meanings shifted by 1000.
const SCOMO_RESULTS: Record<number, string> = {
  1200: 'Successful: the software operation completed.',
  1400: 'Client error: the operation failed on the device.',
  1401: 'User cancelled: the user chose not to accept the operation.',
  1402: 'Corrupted software package.',
  1403: 'Software package and device mismatch.',
  1404: 'Failed software package validation.',
  1405: 'Software package not acceptable.',
  1406: 'Alternate download authentication failure.',
  1407: 'Alternate download request time-out.',
  1408: 'Not implemented on the device.',
  1409: 'Undefined error on the device.',
  1410: 'Operation rejected: unsupported environment.',
  1411: 'Malformed or bad URL.',
  1412: 'Alternate download server unavailable.',
  1500: 'Alternate download server error.',
  1501: 'Download failed: the device ran out of memory.',
  1502: 'Install failed: the device ran out of memory.',
  1503: 'Download failed: network error.',
};

/** A plain-language explanation of a SCOMO result code (1200 success, 1250–1299, 1400–1412, 1450–1599). */
export function describeScomoResult(code: number): string {
  const known = SCOMO_RESULTS[code];
  if (known !== undefined) return known;
  if (code >= 1250 && code <= 1299) return 'Successful (vendor-specific result).';
  if (code >= 1450 && code <= 1499) return 'Client error (vendor-specific result).';
  if (code >= 1550 && code <= 1599) return 'Alternate download server error (vendor-specific result).';
  if (code >= 1200 && code <= 1299) return 'Successful.';
  if (code >= 1400 && code <= 1499) return 'Client error.';
  if (code >= 1500 && code <= 1599) return 'Server or network error.';
  // Some clients report SCOMO outcomes with the FUMO (HTTP-style) codes.
  if (code >= 200 && code <= 599) return describeFumoResult(code);
  return 'Unknown result code.';
}

/** True for a successful operation result: 200–299 (FUMO, DM 2.0) or 1200–1299 (SCOMO, DM 1.x); protocol §8. */
export function isSuccessfulResult(code: number): boolean {
  return Number.isInteger(code) && ((code >= 200 && code <= 299) || (code >= 1200 && code <= 1299));
}

/** FUMO `State` node values (OMA FUMO TS). */
export const FUMO_STATES = {
  IDLE: 10,
  DOWNLOAD_FAILED: 20,
  DOWNLOAD_PROGRESSING: 30,
  DOWNLOAD_COMPLETE: 40,
  READY_TO_UPDATE: 50,
  UPDATE_PROGRESSING: 60,
  UPDATE_FAILED_HAVE_DATA: 70,
  UPDATE_FAILED_NO_DATA: 80,
  UPDATE_SUCCESSFUL_HAVE_DATA: 90,
  UPDATE_SUCCESSFUL_NO_DATA: 100,
} as const;
export type FumoState = (typeof FUMO_STATES)[keyof typeof FUMO_STATES];

const FUMO_STATE_NAMES: Record<number, string> = {
  10: 'Idle / Start',
  20: 'Download Failed',
  30: 'Download Progressing',
  40: 'Download Complete',
  50: 'Ready to Update',
  60: 'Update Progressing',
  70: 'Update Failed / Have Data',
  80: 'Update Failed / No Data',
  90: 'Update Successful / Have Data',
  100: 'Update Successful / No Data',
};

/** The name of a FUMO State value, e.g. 40 → 'Download Complete'. */
export function describeFumoState(state: number): string {
  return FUMO_STATE_NAMES[state] ?? `Unknown state ${state}`;
}
