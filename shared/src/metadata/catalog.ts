import { DCMO_METADATA } from './dcmo';
import { DEVINFO_1_0_METADATA, DEVINFO_1_2_METADATA } from './devinfo';
import { DMACC_1_2_METADATA } from './dmacc';
import { FUMO_METADATA } from './fumo';
import type { MoMetadata, NodeMeta } from './metadata.schema';
import { SCOMO_METADATA } from './scomo';
import { SESSION_INFO_METADATA } from './session-info';

/** Meta-data of the standard MOs the server ships (protocol §5). */
export const STANDARD_METADATA: readonly MoMetadata[] = [
  DEVINFO_1_0_METADATA,
  DEVINFO_1_2_METADATA,
  DMACC_1_2_METADATA,
  SESSION_INFO_METADATA,
  FUMO_METADATA,
  SCOMO_METADATA,
  DCMO_METADATA,
];

/** The document for `moid`, looked up in `extra` (imported DDFs) before the standard ones; URN case is ignored. */
export function findMetadata(moid: string, extra: readonly MoMetadata[] = []): MoMetadata | undefined {
  const all = [...extra, ...STANDARD_METADATA];
  const lower = moid.toLowerCase();
  return all.find((d) => d.MOID === moid) ?? all.find((d) => d.MOID.toLowerCase() === lower);
}

const PLACEHOLDER = /^<[^<>/]+>$/;

/** A document's node templates split once, grouped by segment count (a tree holds thousands of nodes). */
interface Template {
  segments: readonly (string | null)[];
  literals: number;
  meta: NodeMeta;
}

const TEMPLATES = new WeakMap<MoMetadata, Map<number, Template[]>>();

function templatesOf(doc: MoMetadata): Map<number, Template[]> {
  let byLength = TEMPLATES.get(doc);
  if (byLength !== undefined) return byLength;
  byLength = new Map();
  for (const [key, meta] of Object.entries(doc.Nodes)) {
    if (key === '') continue;
    // null stands for a placeholder segment such as <x>.
    const segments = key.split('/').map((t) => (PLACEHOLDER.test(t) ? null : t));
    const literals = segments.filter((t) => t !== null).length;
    const list = byLength.get(segments.length) ?? [];
    list.push({ segments, literals, meta });
    byLength.set(segments.length, list);
  }
  TEMPLATES.set(doc, byLength);
  return byLength;
}

/**
 * The meta-data of a concrete node path ('' = root): 'Download/pkg7/PkgURL' matches the template
 * 'Download/<x>/PkgURL'. An exact key wins; otherwise the template with the most literal segments.
 */
export function lookupNodeMeta(doc: MoMetadata, path: string): NodeMeta | undefined {
  const exact = Object.hasOwn(doc.Nodes, path) ? doc.Nodes[path] : undefined;
  if (exact !== undefined || path === '') return exact;
  const segments = path.split('/');
  let best: Template | undefined;
  for (const template of templatesOf(doc).get(segments.length) ?? []) {
    if (best !== undefined && template.literals <= best.literals) continue;
    const matches = template.segments.every((t, i) => t === null || t === segments[i]);
    if (matches) best = template;
  }
  return best?.meta;
}
