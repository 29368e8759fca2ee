export const operationKeys = {
  all: ['operations'] as const,
  device: (devId: string) => [...operationKeys.all, 'device', devId] as const,
  /** The device's tree as the progress view reads it (FUMO State, SCOMO inventory). */
  tree: (devId: string) => [...operationKeys.all, 'tree', devId] as const,
};
