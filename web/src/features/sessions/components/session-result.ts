import type { SessionListStatus } from '@dmc/shared/api';

export const SESSION_RESULT_COLOR: Record<SessionListStatus, string> = {
  open: 'blue',
  completed: 'teal',
  abandoned: 'orange',
  superseded: 'gray',
  aborted: 'red',
  refused: 'red',
};
