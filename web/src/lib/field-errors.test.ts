import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './api-error';
import { describeIssue, errorOfField, fieldErrorsOf, fieldLabel } from './field-errors';

/** A 400 as the BFF sends it (bff/src/http/validate.ts): zod's own messages under `details.issues`. */
function refusal(schema: z.ZodType, input: unknown): ApiError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a refusal');
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  return new ApiError('VALIDATION_FAILED', 400, 'The request is not valid.', 'r1', { issues });
}

const tokenSchema = z.object({
  name: z.string().min(1).max(64),
  role: z.enum(['admin', 'operator', 'support']),
  expiresInDays: z.number().int().min(1).max(365),
  pushUrl: z.url(),
  labels: z.array(z.string().regex(/^[a-z]+$/)).max(2),
});

describe('field errors in words', () => {
  it('names each field of an API refusal and says what is wrong without zod wording', () => {
    const error = refusal(tokenSchema, {
      name: '',
      role: 'owner',
      expiresInDays: 400,
      pushUrl: 'nope',
      labels: ['ok', 'BAD'],
    });
    const texts = fieldErrorsOf(error, { expiresInDays: 'Expires in' }).map((e) => e.text);
    expect(texts).toEqual([
      'Name: must be at least 1 character',
      'Role: must be one of admin, operator, support',
      'Expires in: must be at most 365',
      'Push url: must be a URL (https://…)',
      'Labels (item 2): contains characters that are not allowed',
    ]);
    for (const text of texts) expect(text).not.toMatch(/Too (small|big)|expected|Invalid/);
  });

  it('maps zod issues checked in the browser the same way', () => {
    const result = z.object({ name: z.string().max(3) }).safeParse({ name: 'abcdef' });
    expect(result.error && fieldErrorsOf(result.error).map((e) => e.text)).toEqual([
      'Name: must be at most 3 characters',
    ]);
    const missing = z.object({ username: z.string() }).safeParse({});
    expect(missing.error?.issues[0] && describeIssue(missing.error.issues[0]).text).toBe(
      'Username: is required',
    );
  });

  it('keeps a message a schema wrote for people, and leaves other errors alone', () => {
    const error = refusal(z.object({ devices: z.number().refine((n) => n > 0, 'Needs a device') }), {
      devices: 0,
    });
    expect(fieldErrorsOf(error)[0]?.text).toBe('Devices: needs a device');
    expect(fieldErrorsOf(new ApiError('CONFLICT', 409, 'Taken'))).toEqual([]);
    expect(fieldErrorsOf(new Error('boom'))).toEqual([]);
  });

  it('makes keys readable and finds the error of one field', () => {
    expect(fieldLabel('devId')).toBe('Dev ID');
    expect(fieldLabel('settings.push_url')).toBe('Push url');
    const errors = fieldErrorsOf(refusal(tokenSchema.pick({ name: true }), { name: '' }));
    expect(errorOfField(errors, 'name')).toBe('must be at least 1 character');
    expect(errorOfField(errors, 'role')).toBeUndefined();
  });
});
