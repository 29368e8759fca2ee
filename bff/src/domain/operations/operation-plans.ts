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

/** FUMO DownloadAndUpdate: set PkgURL to the artifact, then execute (protocol §8, "Firmware update"). */
export function firmwareUpdatePlan(miid: string, packageUrl: string): PlannedStep[] {
  const base = `${FUMO_MOID}/${miid}/DownloadAndUpdate`;
  return [
    { input: { command: ['HGET', null, `${base}/PkgURL`], data: { PkgURL: packageUrl } }, isDecisive: false },
    { input: { command: ['EXEC', base] }, isDecisive: true },
  ];
}

/** Reads that show the result in the tree once an update is done: FUMO State and the new FwV. */
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
