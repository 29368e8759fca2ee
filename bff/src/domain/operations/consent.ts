// The page that asks the person before an update, and how its answer reads (protocol §8).
import type { ConsentRequest, PageSpec } from '@dmc/shared/api';
import type { OperationKind } from '../../persistence/ports';

export type ConsentAnswer =
  { kind: 'accept' } | { kind: 'decline' } | { kind: 'postpone'; postponeS: number };

export function consentPage(
  kind: OperationKind,
  request: ConsentRequest,
  artifact: { name: string; version: string },
): PageSpec {
  const what = kind === 'firmware-update' ? 'A firmware update' : 'A software package';
  return {
    kind: request.kind,
    title: request.title ?? (kind === 'firmware-update' ? 'Firmware update' : 'Software install'),
    text:
      request.text ??
      `${what} (${artifact.name} ${artifact.version}) is ready for this device. The device may restart while it installs.`,
  };
}

/** The SHOW command's result: `{answer:'accept'|'decline'}` or `{postponeS}` (anything else declines). */
export function readConsentAnswer(result: unknown): ConsentAnswer {
  if (typeof result === 'object' && result !== null) {
    const r = result as { answer?: unknown; postponeS?: unknown };
    if (r.answer === 'accept') return { kind: 'accept' };
    if (typeof r.postponeS === 'number' && r.postponeS > 0)
      return { kind: 'postpone', postponeS: r.postponeS };
  }
  return { kind: 'decline' };
}
