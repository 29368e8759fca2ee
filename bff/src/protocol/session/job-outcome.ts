// EXEC outcomes delivered at the job URL (protocol §8): the alert's Data.DM1x or Data.ResultCode
// decides ok or failed. SCOMO's 1200-range success codes count as success too (OMA SCOMO).
import type { DmAlert } from '@dmc/shared/protocol';
import {
  alertResultCode,
  describeFumoResult,
  describeScomoResult,
  isOperationOutcomeAlert,
  isSuccessfulResult,
} from '@dmc/shared/protocol';

export interface JobOutcome {
  state: 'ok' | 'failed';
  code: number;
  result: { resultCode: number; meaning: string; alertType: string; sourceUri: string | null };
}

/** The outcome a job session's alerts report for the EXEC of `target`, if they report one. */
export function jobOutcome(alerts: readonly DmAlert[], target: string | undefined): JobOutcome | undefined {
  const candidates = alerts.filter((a) => alertResultCode(a) !== undefined);
  const alert =
    candidates.find((a) => target !== undefined && a.SourceURI === target) ??
    candidates.find((a) => isOperationOutcomeAlert(a.AlertType)) ??
    candidates[0];
  const code = alert ? alertResultCode(alert) : undefined;
  if (!alert || code === undefined) return undefined;
  const isScomo = /scomo|softwarecomponent/i.test(alert.AlertType) || code >= 1000;
  return {
    state: isSuccessfulResult(code) ? 'ok' : 'failed',
    code,
    result: {
      resultCode: code,
      meaning: isScomo ? describeScomoResult(code) : describeFumoResult(code),
      alertType: alert.AlertType,
      sourceUri: alert.SourceURI ?? null,
    },
  };
}
