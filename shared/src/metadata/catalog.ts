import { DCMO_METADATA } from './dcmo';
import { DEVINFO_1_0_METADATA, DEVINFO_1_2_METADATA } from './devinfo';
import { DMACC_1_2_METADATA } from './dmacc';
import { FUMO_METADATA } from './fumo';
import type { MoMetadata, NodeMeta } from './metadata.schema';
import { SCOMO_METADATA } from './scomo';
import { SESSION_INFO_METADATA } from './session-info';

/** Meta-data of the standard MOs the server ships (profile §5). */
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

/**
 * The meta-data of a concrete node path ('' = root): 'Download/pkg7/PkgURL' matches the template
 * 'Download/<x>/PkgURL'. An exact key wins; otherwise the template with the most literal segments.
 */
export function lookupNodeMeta(doc: MoMetadata, path: string): NodeMeta | undefined {
  const exact = Object.hasOwn(doc.Nodes, path) ? doc.Nodes[path] : undefined;
  if (exact !== undefined || path === '') return exact;
  const segments = path.split('/');
  let best: { meta: NodeMeta; literals: number } | undefined;
  for (const [key, meta] of Object.entries(doc.Nodes)) {
    if (key === '') continue;
    const template = key.split('/');
    if (template.length !== segments.length) continue;
    let literals = 0;
    const matches = template.every((t, i) => {
      if (t === segments[i]) {
        literals += 1;
        return true;
      }
      return PLACEHOLDER.test(t);
    });
    if (matches && (best === undefined || literals > best.literals)) best = { meta, literals };
  }
  return best?.meta;
}
