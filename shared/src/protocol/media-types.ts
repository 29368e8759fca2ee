/** Media types of the DM 2.0 packages and of MO data at the DR (protocol §2). */
export const MEDIA_TYPES = {
  notification: 'application/vnd.oma.dm.notification',
  initiation: 'application/vnd.oma.dm.initiation+json',
  request: 'application/vnd.oma.dm.request+json',
  response: 'application/vnd.oma.dm.response+json',
  moData: 'application/vnd.oma.dm.mo+json',
} as const;

/** HTTP header that carries the DevInfo DevID on every P1 and P3. */
export const DEVID_HEADER = 'OMADM-DevID';
