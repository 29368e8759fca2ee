import { REDACTED } from '@dmc/shared/api';

/** "850 ms", "2.3 s", "4 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Pretty JSON cut at each redacted value, so the view can mark them: [text, redacted, text, …]. */
export function splitRedacted(body: unknown): { text: string; redacted: boolean }[] {
  const pretty = JSON.stringify(body, null, 2) ?? 'null';
  const parts: { text: string; redacted: boolean }[] = [];
  pretty.split(REDACTED).forEach((text, i) => {
    if (i > 0) parts.push({ text: REDACTED, redacted: true });
    if (text !== '') parts.push({ text, redacted: false });
  });
  return parts;
}
