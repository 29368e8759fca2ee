// The question a page asks, by kind (protocol §8): consent (Accept / Decline), postpone (Now or one
// button per delay), form (inputs from the schema) and info (OK). No script: plain form posts.
import type { FormField, FormSchema, PageSpec } from '@dmc/shared/api';
import { DEFAULT_POSTPONE_OPTIONS_S } from '@dmc/shared/api';
import { escapeHtml, renderDocument } from './page-html';

/** Names of the page's own form fields; schema field names cannot start with `_`. */
export const SECRET_FIELD = '_secret';
export const CHOICE_FIELD = '_choice';

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export interface QuestionState {
  /** Shown above the form when the last answer was refused. */
  message?: string;
  errors?: Readonly<Record<string, string>>;
  /** What the person entered, shown again. */
  entered?: Readonly<Record<string, string>>;
}

/** A field's entry; field names may be `constructor` or `toString`, so only own keys count. */
function ownValue(record: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  return record && Object.hasOwn(record, name) ? record[name] : undefined;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "In 15 minutes", "In 1 hour", "In 1 day"… */
export function delayLabel(seconds: number): string {
  if (seconds % 86400 === 0) return `In ${plural(seconds / 86400, 'day')}`;
  if (seconds % 3600 === 0) return `In ${plural(seconds / 3600, 'hour')}`;
  if (seconds % 60 === 0) return `In ${plural(seconds / 60, 'minute')}`;
  return `In ${plural(seconds, 'second')}`;
}

function button(label: string, value: string, style: 'primary' | 'secondary'): string {
  return `<button type="submit" class="${style}" name="${CHOICE_FIELD}" value="${escapeHtml(value)}">${escapeHtml(label)}</button>`;
}

function numberAttributes(field: FormField): string {
  const parts = [`step="${field.type === 'integer' ? '1' : 'any'}"`];
  if (field.minimum !== undefined) parts.push(`min="${field.minimum}"`);
  if (field.maximum !== undefined) parts.push(`max="${field.maximum}"`);
  parts.push(`inputmode="${field.type === 'integer' ? 'numeric' : 'decimal'}"`);
  return parts.join(' ');
}

function control(
  name: string,
  field: FormField,
  required: boolean,
  entered: string | undefined,
  error: boolean,
) {
  const id = `f-${escapeHtml(name)}`;
  const common = `id="${id}" name="${escapeHtml(name)}"${required ? ' required' : ''}${
    error ? ` aria-invalid="true" aria-describedby="${id}-error"` : ''
  }`;
  if (field.enum) {
    const options = field.enum.map((option) => {
      const value = escapeHtml(String(option));
      const selected = entered === String(option) ? ' selected' : '';
      return `<option value="${value}"${selected}>${value}</option>`;
    });
    return `<select ${common}><option value="">Choose…</option>${options.join('')}</select>`;
  }
  const value = entered === undefined ? '' : ` value="${escapeHtml(entered)}"`;
  if (field.type === 'number' || field.type === 'integer') {
    // A browser blanks a number input holding text: show what was typed as text, so it can be fixed.
    if (entered !== undefined && entered !== '' && !NUMBER_TEXT.test(entered.trim())) {
      return `<input type="text" ${common} inputmode="decimal"${value}>`;
    }
    return `<input type="number" ${common} ${numberAttributes(field)}${value}>`;
  }
  const lengths = `${field.minLength === undefined ? '' : ` minlength="${field.minLength}"`}${
    field.maxLength === undefined ? '' : ` maxlength="${field.maxLength}"`
  }`;
  return `<input type="text" ${common}${lengths}${value}>`;
}

function formField(name: string, field: FormField, required: boolean, state: QuestionState): string {
  const id = `f-${escapeHtml(name)}`;
  const label = escapeHtml(field.title ?? name);
  const entered = ownValue(state.entered, name);
  const error = ownValue(state.errors, name);
  const hint = field.description ? `<span class="hint">${escapeHtml(field.description)}</span>` : '';
  const errorHtml = error ? `<p class="error" id="${id}-error">${escapeHtml(error)}</p>` : '';
  if (field.type === 'boolean') {
    const checked = entered !== undefined && entered !== '' && entered !== 'false' && entered !== '0';
    const invalid = error ? ` aria-invalid="true" aria-describedby="${id}-error"` : '';
    return `<div class="field"><label class="check"><input type="checkbox" id="${id}" name="${escapeHtml(name)}" value="on"${
      checked ? ' checked' : ''
    }${invalid}> ${label}</label>${hint}${errorHtml}</div>`;
  }
  const marker = required ? '' : ' (optional)';
  return `<div class="field"><label for="${id}">${label}${marker}</label>${hint}${control(
    name,
    field,
    required,
    entered,
    error !== undefined,
  )}${errorHtml}</div>`;
}

function formFields(schema: FormSchema, state: QuestionState): string {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties)
    .map(([name, field]) => formField(name, field, required.has(name), state))
    .join('\n');
}

function controls(spec: PageSpec, state: QuestionState): string {
  switch (spec.kind) {
    case 'consent':
      return `${button('Accept', 'accept', 'primary')}\n${button('Decline', 'decline', 'secondary')}`;
    case 'postpone': {
      const delays = spec.postponeOptionsS ?? DEFAULT_POSTPONE_OPTIONS_S;
      const later = delays.map((s) => button(delayLabel(s), String(s), 'secondary'));
      return [button('Now', 'now', 'primary'), ...later].join('\n');
    }
    case 'form':
      return `${spec.schema ? formFields(spec.schema, state) : ''}\n${button('Send', 'send', 'primary')}`;
    case 'info':
      return button('OK', 'ok', 'primary');
  }
}

/** The page asking the question, with the form secret as a hidden field. */
export function renderQuestion(spec: PageSpec, formSecret: string, state: QuestionState = {}): string {
  const summary = state.message
    ? `<div class="summary" role="alert">${escapeHtml(state.message)}</div>\n`
    : '';
  // No action attribute: the form posts back to the page's own URL, wherever the server is mounted.
  const body = `<h1>${escapeHtml(spec.title)}</h1>
<p class="text">${escapeHtml(spec.text)}</p>
${summary}<form method="post" novalidate>
<input type="hidden" name="${SECRET_FIELD}" value="${escapeHtml(formSecret)}">
${controls(spec, state)}
</form>`;
  return renderDocument(spec.title, body);
}
