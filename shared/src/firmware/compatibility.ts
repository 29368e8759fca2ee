// Which devices a firmware or software artifact fits (protocol §11): lists of accepted DevInfo
// values. An absent list accepts any value; a device that never reported a listed field does not fit.
import { z } from 'zod';

const acceptedValues = z.array(z.string().min(1).max(128)).min(1).max(100);

/** `compatible` of an artifact: the accepted `Man`, `Mod` and `HwV` values. */
export const artifactCompatibilitySchema = z.object({
  Man: acceptedValues.optional(),
  Mod: acceptedValues.optional(),
  HwV: acceptedValues.optional(),
});
export type ArtifactCompatibility = z.infer<typeof artifactCompatibilitySchema>;

export const COMPATIBILITY_FIELDS = ['Man', 'Mod', 'HwV'] as const;
export type CompatibilityField = (typeof COMPATIBILITY_FIELDS)[number];

/** The DevInfo values a compatibility check reads (null: never reported). */
export type CompatibilityFacts = Readonly<Record<CompatibilityField, string | null>>;

export type CompatibilityVerdict =
  { compatible: true } | { compatible: false; field: CompatibilityField; reason: string };

/** Whether a device with `facts` may take an artifact with `compatible` (null: fits every device). */
export function checkCompatibility(
  facts: CompatibilityFacts,
  compatible: ArtifactCompatibility | null,
): CompatibilityVerdict {
  if (compatible === null) return { compatible: true };
  for (const field of COMPATIBILITY_FIELDS) {
    const accepted = compatible[field];
    if (accepted === undefined) continue;
    const actual = facts[field];
    if (actual === null) {
      return { compatible: false, field, reason: `the device never reported DevInfo/${field}` };
    }
    if (!accepted.includes(actual)) {
      return {
        compatible: false,
        field,
        reason: `${field} "${actual}" is not one of ${accepted.map((v) => `"${v}"`).join(', ')}`,
      };
    }
  }
  return { compatible: true };
}
