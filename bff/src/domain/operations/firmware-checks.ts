// The checks that make a firmware update safe (protocol §11): the artifact must fit the device's
// DevInfo (Man, Mod, HwV as stored), and an update succeeds only when the device then reports the
// artifact's version in DevInfo/FwV.
import type { DevInfoSummary } from '@dmc/shared/api';
import {
  checkCompatibility,
  type ArtifactCompatibility,
  type CompatibilityFacts,
} from '@dmc/shared/firmware';
import { ConflictError } from '../errors';

/** The DevInfo values a compatibility check reads, as the server stored them. */
export function compatibilityFacts(devInfo: DevInfoSummary): CompatibilityFacts {
  return { Man: devInfo.Man, Mod: devInfo.Mod, HwV: devInfo.HwV };
}

/** Throws ConflictError (409) naming the field, the accepted values and the device's value. */
export function assertCompatible(
  devId: string,
  devInfo: DevInfoSummary,
  artifact: { id: string; compatible: ArtifactCompatibility | null },
): void {
  const facts = compatibilityFacts(devInfo);
  const verdict = checkCompatibility(facts, artifact.compatible);
  if (verdict.compatible) return;
  throw new ConflictError(`Artifact ${artifact.id} does not fit device "${devId}": ${verdict.reason}.`, {
    reason: 'incompatible',
    field: verdict.field,
    accepted: artifact.compatible?.[verdict.field] ?? [],
    reported: facts[verdict.field],
  });
}

/** The result of a firmware update whose device reports another version than the artifact's. */
export interface VersionMismatch {
  reason: 'version-mismatch';
  expected: string;
  /** The DevInfo/FwV the device reported; null when it reported none. */
  reported: string | null;
}

/** Null when the device reports the expected version (exact string equality), else the mismatch. */
export function versionMismatch(expected: string, reported: string | null): VersionMismatch | null {
  return reported === expected ? null : { reason: 'version-mismatch', expected, reported };
}
