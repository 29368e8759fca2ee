// Validation of form answers against the JSON Schema subset of protocol §8 (object of string, number,
// integer and boolean properties; required, enum, minimum/maximum, minLength/maxLength). Messages
// are plain words, shown to the person next to the field.
import type { FormField, FormSchema, FormValues } from '@dmc/shared/api';

/** Messages by field name; empty when the values are valid. */
export type FieldErrors = Record<string, string>;

/** An urlencoded form body: one string per name, or several when a name repeats. */
export type FormInput = Readonly<Record<string, string | string[] | undefined>>;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function lengthOf(text: string): number {
  return [...text].length;
}

function formatNumber(value: number): string {
  return String(value);
}

function checkNumber(field: FormField, value: number): string | undefined {
  if (!Number.isFinite(value)) return 'Enter a number.';
  if (field.type === 'integer' && !Number.isInteger(value)) return 'Enter a whole number.';
  if (field.minimum !== undefined && value < field.minimum)
    return `Enter a number of at least ${formatNumber(field.minimum)}.`;
  if (field.maximum !== undefined && value > field.maximum)
    return `Enter a number of at most ${formatNumber(field.maximum)}.`;
  return undefined;
}

function checkString(field: FormField, value: string): string | undefined {
  const length = lengthOf(value);
  if (field.minLength !== undefined && length < field.minLength)
    return `Enter at least ${field.minLength} character${field.minLength === 1 ? '' : 's'}.`;
  if (field.maxLength !== undefined && length > field.maxLength)
    return `Enter at most ${field.maxLength} character${field.maxLength === 1 ? '' : 's'}.`;
  return undefined;
}

/** The error of one present value, if any. */
export function checkFieldValue(field: FormField, value: unknown): string | undefined {
  switch (field.type) {
    case 'boolean':
      if (typeof value !== 'boolean') return 'Choose yes or no.';
      return undefined;
    case 'string':
      if (typeof value !== 'string') return 'Enter text.';
      if (field.enum && !field.enum.includes(value)) return 'Choose one of the listed options.';
      return checkString(field, value);
    case 'number':
    case 'integer':
      if (typeof value !== 'number') return 'Enter a number.';
      if (field.enum && !field.enum.includes(value)) return 'Choose one of the listed options.';
      return checkNumber(field, value);
  }
}

/** Checks typed values: every required field present, no unknown field, each value valid. */
export function validateFormValues(
  schema: FormSchema,
  values: Readonly<Record<string, unknown>>,
): FieldErrors {
  const errors: FieldErrors = {};
  const required = new Set(schema.required ?? []);
  for (const [name, field] of Object.entries(schema.properties)) {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) {
      if (required.has(name)) errors[name] = 'This field is required.';
      continue;
    }
    const error = checkFieldValue(field, value);
    if (error !== undefined) errors[name] = error;
  }
  for (const name of Object.keys(values)) {
    if (!Object.hasOwn(schema.properties, name)) errors[name] = 'This field is not part of the form.';
  }
  return errors;
}

type Coerced = { value: string | number | boolean | undefined } | { error: string };

function coerce(field: FormField, raw: string | undefined): Coerced {
  if (field.type === 'boolean') {
    // An unchecked checkbox sends nothing: absent means no.
    if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return { value: false };
    if (raw === 'on' || raw === 'true' || raw === '1') return { value: true };
    return { error: 'Choose yes or no.' };
  }
  const text = (raw ?? '').trim();
  if (text === '') return { value: undefined };
  if (field.type === 'string') return { value: text };
  if (!NUMBER.test(text))
    return { error: field.type === 'integer' ? 'Enter a whole number.' : 'Enter a number.' };
  return { value: Number(text) };
}

/**
 * Reads a submitted HTML form: picks the schema's fields, turns text into the schema's types and
 * validates. `entered` keeps what the person typed, to show it again next to any error.
 */
export function readFormValues(
  schema: FormSchema,
  input: FormInput,
): { values: FormValues; errors: FieldErrors; entered: Record<string, string> } {
  const values: FormValues = {};
  const errors: FieldErrors = {};
  const entered: Record<string, string> = {};
  for (const [name, field] of Object.entries(schema.properties)) {
    // Own properties only: a field may be called `constructor` or `toString`.
    const submitted = Object.hasOwn(input, name) ? input[name] : undefined;
    if (Array.isArray(submitted) && submitted.length > 1) {
      errors[name] = 'Give one value.';
      continue;
    }
    const raw = Array.isArray(submitted) ? submitted[0] : submitted;
    if (raw !== undefined) entered[name] = raw;
    const coerced = coerce(field, raw);
    if ('error' in coerced) errors[name] = coerced.error;
    else if (coerced.value !== undefined) values[name] = coerced.value;
  }
  for (const [name, error] of Object.entries(validateFormValues(schema, values))) {
    if (!Object.hasOwn(errors, name)) errors[name] = error;
  }
  return { values, errors, entered };
}
