import type { AccessType, NodeFormat, NodeMeta } from './metadata.schema';

type Extra = Omit<NodeMeta, 'Format' | 'AccessType'>;

/** A permanent interior node. */
export function interior(access: AccessType[], extra: Extra = {}): NodeMeta {
  return { Format: 'node', Occurrence: 'One', Scope: 'Permanent', AccessType: access, ...extra };
}

/** An unnamed (`<x>`) interior node: created by HGET, removed by DELETE (protocol §5.4). */
export function dynamicInterior(access: AccessType[], extra: Extra = {}): NodeMeta {
  return { Format: 'node', Occurrence: 'ZeroOrMore', Scope: 'Dynamic', AccessType: access, ...extra };
}

/** A permanent leaf. */
export function leaf(format: NodeFormat, access: AccessType[], extra: Extra = {}): NodeMeta {
  return { Format: format, Occurrence: 'One', Scope: 'Permanent', AccessType: access, ...extra };
}
