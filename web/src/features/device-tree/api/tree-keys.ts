export const treeKeys = {
  all: ['tree'] as const,
  device: (devId: string) => [...treeKeys.all, devId] as const,
};
