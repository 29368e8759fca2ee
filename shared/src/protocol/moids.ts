/** MOIDs of the standard MOs the server ships meta-data for (protocol §5.4). */
export const STANDARD_MOIDS = {
  devInfo10: 'urn:oma:mo:oma-dm-devinfo:1.0',
  devInfo12: 'urn:oma:mo:oma-dm-devinfo:1.2',
  dmAcc12: 'urn:oma:mo:oma-dm-dmacc:1.2',
  sessionInfo: 'urn:oma:mo:oma-sessioninfomo:1.0',
  fumo: 'urn:oma:mo:oma-fumo:1.0',
  scomo: 'urn:oma:mo:oma-scomo:1.0',
  dcmo: 'urn:oma:mo:oma-dcmo:1.0',
} as const;
