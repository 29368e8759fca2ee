import { MOIDS } from '../mo-seed';
import type { ExecFactory } from './exec-job';

/** DCMO `<x>/Operations/Enable|Disable`: flips `Enabled`; 1200 is success. */
export const dcmoJob: ExecFactory = (env, location) => {
  const [ops, op, ...rest] = location.path;
  if (location.moid !== MOIDS.dcmo || ops !== 'Operations' || rest.length > 0) return undefined;
  if (op !== 'Enable' && op !== 'Disable') return undefined;
  return {
    alertType: 'urn:oma:at:dcmo:1.0:OperationComplete',
    run: () => {
      env.store.setValue(MOIDS.dcmo, location.miid, 'Enabled', String(op === 'Enable'));
      return Promise.resolve({ resultCode: 1200, success: true });
    },
  };
};
