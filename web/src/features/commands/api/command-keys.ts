export const commandKeys = {
  all: ['commands'] as const,
  device: (devId: string) => [...commandKeys.all, 'device', devId] as const,
};
