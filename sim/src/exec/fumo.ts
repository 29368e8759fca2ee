import { MOIDS } from '../mo-seed';
import { locationUri } from '../mo-store';
import {
  downloadPackage,
  simulatesFailure,
  type ExecEnv,
  type ExecFactory,
  type ExecOutcome,
} from './exec-job';

/** FUMO State values (OMA FUMO 1.0). */
export const FUMO_STATE = {
  idle: '10',
  downloadFailed: '20',
  downloading: '30',
  downloadComplete: '40',
  readyToUpdate: '50',
  updating: '60',
  updateFailedNoData: '80',
  updateSuccessfulNoData: '100',
} as const;

/** FUMO result codes used here (OMA FUMO 1.0). */
export const FUMO_RESULT = {
  success: 200,
  corruptedPackage: 402,
  updateFailed: 410,
  badUrl: 411,
  serverUnavailable: 412,
  networkError: 503,
} as const;

type Operation = 'Download' | 'Update' | 'DownloadAndUpdate';

function bumpVersion(version: string): string {
  const m = /^(.*?)(\d+)(\D*)$/.exec(version);
  return m === null ? `${version}.1` : `${m[1] ?? ''}${Number(m[2]) + 1}${m[3] ?? ''}`;
}

async function run(env: ExecEnv, miid: string, op: Operation): Promise<ExecOutcome> {
  const { store } = env;
  const moid = MOIDS.fumo;
  const instanceUri = locationUri({ moid, miid, path: [] });
  const setState = (state: string): void => store.setValue(moid, miid, 'State', state);
  const fail = (state: string, resultCode: number): ExecOutcome => {
    setState(state);
    return { resultCode, success: false };
  };
  let bytes = env.downloads.get(instanceUri);
  if (op !== 'Update') {
    setState(FUMO_STATE.downloading);
    const got = await downloadPackage(store.getValue(moid, miid, `${op}/PkgURL`));
    if (!got.ok) {
      const code = {
        'bad-url': FUMO_RESULT.badUrl,
        network: FUMO_RESULT.networkError,
        http: FUMO_RESULT.serverUnavailable,
        corrupt: FUMO_RESULT.corruptedPackage,
      };
      return fail(FUMO_STATE.downloadFailed, code[got.reason]);
    }
    bytes = got.bytes;
    env.downloads.set(instanceUri, bytes);
    setState(FUMO_STATE.downloadComplete);
    if (op === 'Download') {
      setState(FUMO_STATE.readyToUpdate);
      return { resultCode: FUMO_RESULT.success, success: true };
    }
  }
  setState(FUMO_STATE.updating);
  env.downloads.delete(instanceUri);
  if (bytes === undefined) return fail(FUMO_STATE.updateFailedNoData, FUMO_RESULT.updateFailed);
  if (bytes.length === 0) return fail(FUMO_STATE.updateFailedNoData, FUMO_RESULT.corruptedPackage);
  if (simulatesFailure(bytes)) return fail(FUMO_STATE.updateFailedNoData, FUMO_RESULT.updateFailed);
  // The new firmware reports its version in DevInfo, as a real device would after rebooting: the
  // PkgVersion the server set, else the old version bumped. A device whose firmware lies keeps the
  // old version although it reports success, as one whose new image fell back to the old would.
  const devInfo = store.miids(MOIDS.devInfo)[0];
  if (env.firmwareLies?.() === true) {
    env.log(`FUMO ${miid}: reports success but keeps its old FwV`);
  } else if (devInfo !== undefined) {
    const pkgVersion = store.getValue(moid, miid, 'PkgVersion') ?? '';
    const current = store.getValue(MOIDS.devInfo, devInfo, 'FwV') ?? '1.0.0';
    store.setValue(MOIDS.devInfo, devInfo, 'FwV', pkgVersion === '' ? bumpVersion(current) : pkgVersion);
  }
  setState(FUMO_STATE.updateSuccessfulNoData);
  env.log(`FUMO ${miid}: ${op} done`);
  return { resultCode: FUMO_RESULT.success, success: true };
}

/** FUMO `<x>/Download`, `<x>/Update`, `<x>/DownloadAndUpdate`. */
export const fumoJob: ExecFactory = (env, location) => {
  const [op, ...rest] = location.path;
  if (location.moid !== MOIDS.fumo || rest.length > 0) return undefined;
  if (op !== 'Download' && op !== 'Update' && op !== 'DownloadAndUpdate') return undefined;
  return { alertType: 'urn:oma:at:fumo:1.0:OperationComplete', run: () => run(env, location.miid, op) };
};
