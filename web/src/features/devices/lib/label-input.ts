import { labelSchema, MAX_LABELS_PER_DEVICE } from '@dmc/shared/api';

/** Why `label` cannot be added to a device with `labels`, in words; null when it can. */
export function labelProblem(label: string, labels: readonly string[]): string | null {
  if (label === '') return 'Type a label first.';
  if (!labelSchema.safeParse(label).success) {
    return label.length > 64
      ? 'A label is at most 64 characters long.'
      : 'A label may hold only letters, digits and . _ : / - (no spaces).';
  }
  if (labels.includes(label)) return `The device already has the label "${label}".`;
  if (labels.length >= MAX_LABELS_PER_DEVICE) {
    return `A device carries at most ${MAX_LABELS_PER_DEVICE} labels; remove one first.`;
  }
  return null;
}
