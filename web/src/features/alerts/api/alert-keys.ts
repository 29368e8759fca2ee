/** `devId: null` is the fleet-wide feed. */
export type AlertListParams = { devId: string | null };

export const alertKeys = {
  all: ['alerts'] as const,
  lists: () => [...alertKeys.all, 'list'] as const,
  list: (params: AlertListParams) => [...alertKeys.lists(), params] as const,
};
