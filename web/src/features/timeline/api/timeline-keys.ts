export const timelineKeys = {
  all: ['timeline'] as const,
  device: (devId: string) => [...timelineKeys.all, devId] as const,
};
