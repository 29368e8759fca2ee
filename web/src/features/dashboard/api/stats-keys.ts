export const statsKeys = {
  all: ['stats'] as const,
  fleet: () => [...statsKeys.all, 'fleet'] as const,
};
