import { MOIDS, SCOMO_STATE } from '../mo-seed';
import { locationUri } from '../mo-store';
import {
  downloadPackage,
  simulatesFailure,
  type ExecEnv,
  type ExecFactory,
  type ExecOutcome,
} from './exec-job';

/** SCOMO result codes (OMA SCOMO 1.0): 1200 is success. */
export const SCOMO_RESULT = {
  success: 1200,
  downloadFailed: 1402,
  installFailed: 1405,
  removeFailed: 1408,
  notImplemented: 1411,
} as const;

const DEPLOYED = 'Inventory/Deployed';
const DELIVERED = 'Inventory/Delivered';

function installComponent(
  env: ExecEnv,
  miid: string,
  id: string,
  fields: Record<string, string>,
  active: boolean,
) {
  const base = `${DEPLOYED}/${id}`;
  for (const [name, value] of Object.entries(fields))
    env.store.setValue(MOIDS.scomo, miid, `${base}/${name}`, value);
  env.store.setValue(MOIDS.scomo, miid, `${base}/State`, active ? SCOMO_STATE.active : SCOMO_STATE.inactive);
  for (const op of ['Activate', 'Deactivate', 'Remove'])
    env.store.ensureInterior(MOIDS.scomo, miid, `${base}/Operations/${op}`);
  return locationUri({ moid: MOIDS.scomo, miid, path: base.split('/') });
}

function readFields(env: ExecEnv, miid: string, base: string): Record<string, string> {
  const get = (name: string): string | undefined => env.store.getValue(MOIDS.scomo, miid, `${base}/${name}`);
  const id = get('ID') ?? get('PkgID') ?? base.split('/').at(-1) ?? 'component';
  return { ID: id, Name: get('Name') ?? id, Version: get('Version') ?? '1.0' };
}

async function fromDownload(env: ExecEnv, miid: string, pkg: string, op: string): Promise<ExecOutcome> {
  const base = `Download/${pkg}`;
  const got = await downloadPackage(env.store.getValue(MOIDS.scomo, miid, `${base}/PkgURL`));
  if (!got.ok) return { resultCode: SCOMO_RESULT.downloadFailed, success: false };
  if (simulatesFailure(got.bytes)) return { resultCode: SCOMO_RESULT.installFailed, success: false };
  const fields = readFields(env, miid, base);
  env.store.setValue(MOIDS.scomo, miid, `${base}/Status`, '40');
  if (op === 'Download') {
    const at = `${DELIVERED}/${pkg}`;
    for (const [name, value] of Object.entries(fields))
      env.store.setValue(MOIDS.scomo, miid, `${at}/${name}`, value);
    env.store.setValue(MOIDS.scomo, miid, `${at}/State`, '10');
    for (const o of ['Install', 'Remove'])
      env.store.ensureInterior(MOIDS.scomo, miid, `${at}/Operations/${o}`);
    return {
      resultCode: SCOMO_RESULT.success,
      success: true,
      targetUri: locationUri({ moid: MOIDS.scomo, miid, path: at.split('/') }),
    };
  }
  const targetUri = installComponent(env, miid, pkg, fields, op === 'DownloadInstall');
  return { resultCode: SCOMO_RESULT.success, success: true, targetUri };
}

function onComponent(env: ExecEnv, miid: string, area: string, id: string, op: string): ExecOutcome {
  const base = `${area}/${id}`;
  const targetUri = locationUri({ moid: MOIDS.scomo, miid, path: base.split('/') });
  const done = { resultCode: SCOMO_RESULT.success, success: true, targetUri };
  if (op === 'Remove') {
    env.store.removeNode(MOIDS.scomo, miid, base);
    return done;
  }
  if (area === DELIVERED && op === 'Install') {
    const fields = readFields(env, miid, base);
    env.store.removeNode(MOIDS.scomo, miid, base);
    return { ...done, targetUri: installComponent(env, miid, id, fields, true) };
  }
  if (area === DEPLOYED && (op === 'Activate' || op === 'Deactivate')) {
    env.store.setValue(
      MOIDS.scomo,
      miid,
      `${base}/State`,
      op === 'Activate' ? SCOMO_STATE.active : SCOMO_STATE.inactive,
    );
    return done;
  }
  return { resultCode: SCOMO_RESULT.notImplemented, success: false, targetUri };
}

/** SCOMO Download/<x>/Operations/* and Inventory/{Delivered,Deployed}/<x>/Operations/*. */
export const scomoJob: ExecFactory = (env, location) => {
  if (location.moid !== MOIDS.scomo) return undefined;
  const { miid, path } = location;
  const alertType = 'urn:oma:at:scomo:1.0:OperationComplete';
  if (path.length === 4 && path[0] === 'Download' && path[2] === 'Operations') {
    const [, pkg = '', , op = ''] = path;
    if (!['Download', 'DownloadInstall', 'DownloadInstallInactive'].includes(op)) return undefined;
    return { alertType, run: () => fromDownload(env, miid, pkg, op) };
  }
  if (path.length === 5 && path[0] === 'Inventory' && path[3] === 'Operations') {
    const [, kind = '', id = '', , op = ''] = path;
    const area = `Inventory/${kind}`;
    if (area !== DEPLOYED && area !== DELIVERED) return undefined;
    return { alertType, run: () => Promise.resolve(onComponent(env, miid, area, id, op)) };
  }
  return undefined;
};
