// The commands each operation queues (protocol §8): writes go through the DR (HGET), then EXEC with
// the server's job URL, whose outcome alert decides the operation.
import type { QueueCommandInput } from '@dmc/shared/api';
import { STANDARD_MOIDS } from '@dmc/shared/protocol';

export interface PlannedStep {
  input: QueueCommandInput;
  /** The step whose outcome decides the operation (the EXEC). */
  isDecisive: boolean;
}

export const FUMO_MOID = STANDARD_MOIDS.fumo;
export const SCOMO_MOID = STANDARD_MOIDS.scomo;

/**
 * FUMO DownloadAndUpdate: set PkgVersion to the artifact's version and PkgURL to the artifact, then
 * execute (protocol §8, "Firmware update").
 */
export function firmwareUpdatePlan(miid: string, packageUrl: string, version: string): PlannedStep[] {
  const instance = `${FUMO_MOID}/${miid}`;
  const base = `${instance}/DownloadAndUpdate`;
  return [
    {
      input: { command: ['HGET', null, `${instance}/PkgVersion`], data: { PkgVersion: version } },
      isDecisive: false,
    },
    { input: { command: ['HGET', null, `${base}/PkgURL`], data: { PkgURL: packageUrl } }, isDecisive: false },
    { input: { command: ['EXEC', base] }, isDecisive: true },
  ];
}

/**
 * The reads of a firmware update's verifying step: the FUMO State, then DevInfo/FwV (last), whose
 * value decides the update (protocol §11). Without a stored DevInfo instance there is no FwV to read.
 */
export function firmwareFollowUps(
  miid: string,
  devInfo: { moid: string; miid: string } | undefined,
): QueueCommandInput[] {
  const reads: QueueCommandInput[] = [{ command: ['GET', `${FUMO_MOID}/${miid}/State`] }];
  if (devInfo) reads.push({ command: ['GET', `${devInfo.moid}/${devInfo.miid}/FwV`] });
  return reads;
}

/** A SCOMO package node name from the artifact id: letters and digits only. */
export function scomoPackageNode(artifactId: string): string {
  return `pkg${artifactId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}`;
}

/** SCOMO: create Download/<pkg> with the package URL, then DownloadInstall. */
export function softwareInstallPlan(
  miid: string,
  artifact: { id: string; name: string; version: string; url: string },
): PlannedStep[] {
  const node = scomoPackageNode(artifact.id);
  const download = `${SCOMO_MOID}/${miid}/Download/${node}`;
  return [
    {
      input: {
        command: ['HGET', null, download],
        data: { [node]: { PkgID: artifact.name, Name: artifact.name, PkgURL: artifact.url } },
      },
      isDecisive: false,
    },
    { input: { command: ['EXEC', `${download}/Operations/DownloadInstall`] }, isDecisive: true },
  ];
}

export function softwareFollowUps(miid: string): QueueCommandInput[] {
  return [{ command: ['GET', `${SCOMO_MOID}/${miid}/Inventory/`] }];
}
