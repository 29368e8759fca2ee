import { labelSchema, type BulkActionInput, type CampaignAction } from '@dmc/shared/api';

/** What a bulk action acts on: the rows picked, or every device the fleet query matches. */
export type BulkTarget = { devIds: readonly string[] } | { query: string };

/** The body of POST /api/v1/devices/bulk. */
export function bulkInput(target: BulkTarget, action: CampaignAction): BulkActionInput {
  return 'devIds' in target ? { devIds: [...target.devIds], action } : { query: target.query, action };
}

/** Labels typed as "a, b c": the list, or the first one that is not a valid label. */
export function parseLabels(text: string): { ok: true; labels: string[] } | { ok: false; message: string } {
  const labels = [...new Set(text.split(/[\s,]+/).filter((l) => l !== ''))];
  const bad = labels.find((l) => !labelSchema.safeParse(l).success);
  if (bad !== undefined) {
    return { ok: false, message: `“${bad}” is not a label: letters, digits and . _ : / - only, up to 64.` };
  }
  if (labels.length > 32) return { ok: false, message: 'At most 32 labels at once.' };
  return { ok: true, labels };
}
