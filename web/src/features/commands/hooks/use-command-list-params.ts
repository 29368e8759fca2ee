import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { commandStateSchema } from '@dmc/shared/api';
import { commandNameSchema } from '@dmc/shared/protocol';
import type { CommandListParams } from '../../../lib/queries/commands';

/** Patch of the URL: a value sets a parameter, null or '' removes it. */
export type CommandListPatch = Partial<
  Record<'state' | 'device' | 'by' | 'command' | 'campaign', string | null>
>;

/** The Commands screen's filters, read from and written to the URL so a view can be shared. */
export function useCommandListParams() {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo<CommandListParams>(() => {
    const state = commandStateSchema.safeParse(searchParams.get('state'));
    const command = commandNameSchema.safeParse(searchParams.get('command'));
    return {
      state: state.success ? state.data : null,
      devId: searchParams.get('device') ?? '',
      createdBy: searchParams.get('by') ?? '',
      command: command.success ? command.data : null,
      campaignId: searchParams.get('campaign') ?? '',
    };
  }, [searchParams]);

  const update = useCallback(
    (patch: CommandListPatch) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  return { params, update };
}
