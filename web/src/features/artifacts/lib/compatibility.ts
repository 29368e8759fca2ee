// The compatible lists of an artifact (protocol §11) as the console edits and shows them.
import { COMPATIBILITY_FIELDS, type ArtifactCompatibility } from '@dmc/shared/firmware';

export type CompatibilityText = Record<(typeof COMPATIBILITY_FIELDS)[number], string>;

export const EMPTY_COMPATIBILITY_TEXT: CompatibilityText = { Man: '', Mod: '', HwV: '' };

/** Comma-separated values per field → the lists to upload; undefined when no field names any. */
export function parseCompatibility(text: CompatibilityText): ArtifactCompatibility | undefined {
  const out: ArtifactCompatibility = {};
  for (const field of COMPATIBILITY_FIELDS) {
    const values = [
      ...new Set(
        text[field]
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      ),
    ];
    if (values.length > 0) out[field] = values;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** "Mod: Sim-1, Sim-2 · HwV: A", or "any device". */
export function describeCompatibility(compatible: ArtifactCompatibility | null): string {
  const parts = COMPATIBILITY_FIELDS.flatMap((field) => {
    const values = compatible?.[field];
    return values === undefined ? [] : [`${field}: ${values.join(', ')}`];
  });
  return parts.length === 0 ? 'any device' : parts.join(' · ');
}
