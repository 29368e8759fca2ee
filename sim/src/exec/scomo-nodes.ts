import { MOIDS } from '../mo-seed';
import type { MoStore } from '../mo-store';

const DOWNLOAD_OPERATIONS = ['Download', 'DownloadInstall', 'DownloadInstallInactive'];

/**
 * A SCOMO download created by HGET carries only its data (PkgID, PkgURL…); the device adds the
 * executable Operations nodes itself, as a real SCOMO client does.
 */
export function addScomoOperations(store: MoStore): () => void {
  return store.onChange((change) => {
    const [area, pkg] = change.path;
    if (change.moid !== MOIDS.scomo || area !== 'Download') return;
    const present = store.childNames(MOIDS.scomo, change.miid, 'Download');
    for (const name of pkg === undefined ? present : present.filter((p) => p === pkg)) {
      for (const op of DOWNLOAD_OPERATIONS) {
        store.ensureInterior(MOIDS.scomo, change.miid, `Download/${name}/Operations/${op}`);
      }
    }
  });
}
