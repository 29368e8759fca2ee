/** An ISO time as the value of a `datetime-local` input (local time, to the second). */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

/** A `datetime-local` value (local time) as an ISO time; undefined when it is not a time. */
export function fromLocalInput(value: string): string | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An ISO time one millisecond earlier: the tree "just before" a change. */
export function justBefore(iso: string): string {
  return new Date(new Date(iso).getTime() - 1).toISOString();
}

/** A time for people: the date and time in the browser's locale, to the second. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
