export const commandKeys = {
  all: ['commands'] as const,
  device: (devId: string) => [...commandKeys.all, 'device', devId] as const,
  notifications: (devId: string) => [...commandKeys.all, 'notifications', devId] as const,
  /** The device's tree as the composer reads it (ClientURI completion, DevInfo instance). */
  tree: (devId: string) => [...commandKeys.all, 'tree', devId] as const,
};
