import { describe, expect, it } from 'vitest';
import { formSchemaSchema, type FormSchema } from '@dmc/shared/api';
import { readFormValues, validateFormValues } from './form-validator';

const SURVEY: FormSchema = {
  type: 'object',
  properties: {
    room: { type: 'string', title: 'Room', minLength: 2, maxLength: 10 },
    floor: { type: 'integer', minimum: 0, maximum: 20 },
    load: { type: 'number', minimum: 0.5 },
    band: { type: 'string', enum: ['2.4 GHz', '5 GHz'] },
    channel: { type: 'integer', enum: [1, 6, 11] },
    indoor: { type: 'boolean' },
  },
  required: ['room', 'floor'],
};

describe('validateFormValues', () => {
  it('accepts valid values and leaves optional ones out', () => {
    expect(validateFormValues(SURVEY, { room: 'Lab', floor: 3 })).toEqual({});
    expect(
      validateFormValues(SURVEY, {
        room: 'Lab',
        floor: 0,
        load: 0.5,
        band: '5 GHz',
        channel: 6,
        indoor: true,
      }),
    ).toEqual({});
  });

  it('names every problem in plain words', () => {
    expect(
      validateFormValues(SURVEY, { floor: 2.5, load: 0.1, band: '6 GHz', channel: 7, indoor: 'yes', x: 1 }),
    ).toEqual({
      room: 'This field is required.',
      floor: 'Enter a whole number.',
      load: 'Enter a number of at least 0.5.',
      band: 'Choose one of the listed options.',
      channel: 'Choose one of the listed options.',
      indoor: 'Choose yes or no.',
      x: 'This field is not part of the form.',
    });
  });

  it('checks lengths in characters and bounds on both sides', () => {
    expect(validateFormValues(SURVEY, { room: 'L', floor: 21 })).toEqual({
      room: 'Enter at least 2 characters.',
      floor: 'Enter a number of at most 20.',
    });
    // Ten code points, more UTF-16 units: still within maxLength.
    expect(validateFormValues(SURVEY, { room: '😀😀😀😀😀😀😀😀😀😀', floor: 1 })).toEqual({});
    expect(validateFormValues(SURVEY, { room: 'abcdefghijk', floor: '1' })).toEqual({
      room: 'Enter at most 10 characters.',
      floor: 'Enter a number.',
    });
  });
});

describe('readFormValues', () => {
  it('turns submitted text into the schema types', () => {
    const read = readFormValues(SURVEY, {
      room: ' Lab 2 ',
      floor: '4',
      load: '1.25',
      band: '5 GHz',
      channel: '11',
      indoor: 'on',
      _secret: 'ignored',
    });
    expect(read.errors).toEqual({});
    expect(read.values).toEqual({
      room: 'Lab 2',
      floor: 4,
      load: 1.25,
      band: '5 GHz',
      channel: 11,
      indoor: true,
    });
  });

  it('treats an unchecked box as false and empty optional fields as absent', () => {
    const read = readFormValues(SURVEY, { room: 'Lab', floor: '0', load: '', band: '' });
    expect(read).toEqual({
      values: { room: 'Lab', floor: 0, indoor: false },
      errors: {},
      entered: expect.any(Object),
    });
  });

  it('keeps what was entered next to the errors', () => {
    const read = readFormValues(SURVEY, { room: '', floor: 'three', load: '1e400', channel: ['1', '6'] });
    expect(read.errors).toEqual({
      room: 'This field is required.',
      floor: 'Enter a whole number.',
      load: 'Enter a number.',
      channel: 'Give one value.',
    });
    expect(read.entered).toMatchObject({ room: '', floor: 'three', load: '1e400' });
  });
});

describe('formSchemaSchema', () => {
  it('accepts the subset and drops unknown top-level keywords', () => {
    const parsed = formSchemaSchema.parse({
      ...SURVEY,
      $schema: 'https://json-schema.org/draft/2020-12/schema',
    });
    expect(parsed).toEqual(SURVEY);
  });

  it.each([
    ['an unsupported keyword', { type: 'object', properties: { a: { type: 'string', pattern: '^x' } } }],
    ['an unsupported type', { type: 'object', properties: { a: { type: 'array' } } }],
    [
      'a required field that is not a property',
      { type: 'object', properties: { a: { type: 'string' } }, required: ['b'] },
    ],
    [
      'enum values of the wrong type',
      { type: 'object', properties: { a: { type: 'integer', enum: [1, 'x'] } } },
    ],
    ['bounds on a string', { type: 'object', properties: { a: { type: 'string', minimum: 1 } } }],
    [
      'minimum above maximum',
      { type: 'object', properties: { a: { type: 'number', minimum: 2, maximum: 1 } } },
    ],
    ['no fields', { type: 'object', properties: {} }],
    ['a reserved field name', { type: 'object', properties: { _secret: { type: 'string' } } }],
  ])('refuses %s', (_what, schema) => {
    expect(formSchemaSchema.safeParse(schema).success).toBe(false);
  });
});

describe('field names that are also object keys', () => {
  const schema: FormSchema = {
    type: 'object',
    properties: { constructor: { type: 'string' as const }, toString: { type: 'integer' as const } },
    required: ['toString'],
  };

  it('reads and checks only what was sent', () => {
    expect(readFormValues(schema, { toString: '5' })).toMatchObject({ values: { toString: 5 }, errors: {} });
    expect(readFormValues(schema, {}).errors).toEqual({ toString: 'This field is required.' });
    expect(validateFormValues(schema, { toString: 1 })).toEqual({});
  });
});
