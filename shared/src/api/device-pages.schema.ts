// Device pages (protocol §8, "User interaction"): what a page a SHOW opens on the device shows, and
// the person's answer to it.
import { z } from 'zod';

/** What a page shown on the device asks of the person (protocol §8, "User interaction"). */
export const PAGE_KINDS = ['consent', 'postpone', 'form', 'info'] as const;
export const pageKindSchema = z.enum(PAGE_KINDS);
export type PageKind = z.infer<typeof pageKindSchema>;

/** Delays a postpone page offers when the spec names none: 15 min, 1 h, 4 h, 1 day. */
export const DEFAULT_POSTPONE_OPTIONS_S: readonly number[] = [900, 3600, 14400, 86400];

/** Form field names; a leading underscore is kept for the page's own fields. */
export const formFieldNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a field name is a letter then letters, digits, _ or -');

export const FORM_FIELD_TYPES = ['string', 'number', 'integer', 'boolean'] as const;

/** One property of the supported JSON Schema subset. */
export const formFieldSchema = z.strictObject({
  type: z.enum(FORM_FIELD_TYPES),
  title: z.string().min(1).max(120).optional(),
  description: z.string().min(1).max(500).optional(),
  enum: z
    .array(z.union([z.string().max(200), z.number()]))
    .min(1)
    .max(50)
    .optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  minLength: z.number().int().min(0).max(2000).optional(),
  maxLength: z.number().int().min(1).max(2000).optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;

function enumMatchesType(field: FormField): boolean {
  if (!field.enum) return true;
  if (field.type === 'boolean') return false;
  if (field.type === 'string') return field.enum.every((v) => typeof v === 'string');
  return field.enum.every((v) => typeof v === 'number' && (field.type === 'number' || Number.isInteger(v)));
}

/**
 * A form's JSON Schema: an object whose properties are strings, numbers, integers or booleans, with
 * `required`, `enum`, `minimum`/`maximum` and `minLength`/`maxLength`. A property with any other
 * keyword is refused, so a constraint is never silently ignored; other top-level keywords (`$schema`,
 * `additionalProperties`…) are dropped: no other field is ever accepted anyway.
 */
export const formSchemaSchema = z
  .object({
    type: z.literal('object'),
    title: z.string().max(120).optional(),
    description: z.string().max(500).optional(),
    properties: z.record(formFieldNameSchema, formFieldSchema),
    required: z.array(formFieldNameSchema).max(30).optional(),
  })
  .superRefine((schema, ctx) => {
    const names = Object.keys(schema.properties);
    if (names.length === 0 || names.length > 30) {
      ctx.addIssue({ code: 'custom', path: ['properties'], message: 'a form has 1 to 30 fields' });
    }
    for (const name of schema.required ?? []) {
      if (!names.includes(name)) {
        ctx.addIssue({ code: 'custom', path: ['required'], message: `"${name}" is not a property` });
      }
    }
    for (const [name, field] of Object.entries(schema.properties)) {
      const path = ['properties', name];
      if (!enumMatchesType(field))
        ctx.addIssue({ code: 'custom', path, message: 'enum values must match the type' });
      const numeric = field.type === 'number' || field.type === 'integer';
      if (!numeric && (field.minimum !== undefined || field.maximum !== undefined)) {
        ctx.addIssue({ code: 'custom', path, message: 'minimum/maximum apply to numbers only' });
      }
      if (field.type !== 'string' && (field.minLength !== undefined || field.maxLength !== undefined)) {
        ctx.addIssue({ code: 'custom', path, message: 'minLength/maxLength apply to strings only' });
      }
      if (field.minimum !== undefined && field.maximum !== undefined && field.minimum > field.maximum) {
        ctx.addIssue({ code: 'custom', path, message: 'minimum is above maximum' });
      }
      if (
        field.minLength !== undefined &&
        field.maxLength !== undefined &&
        field.minLength > field.maxLength
      ) {
        ctx.addIssue({ code: 'custom', path, message: 'minLength is above maxLength' });
      }
    }
  });
export type FormSchema = z.infer<typeof formSchemaSchema>;

/** The fields of a page spec, shared with stored page templates. */
export const pageSpecShape = {
  kind: pageKindSchema,
  title: z.string().trim().min(1).max(120),
  text: z.string().trim().min(1).max(2000),
  /** The form's fields; required for (and only for) a form page. */
  schema: formSchemaSchema.optional(),
  /** Delays offered by a postpone page, in seconds; DEFAULT_POSTPONE_OPTIONS_S when absent. */
  postponeOptionsS: z
    .array(
      z
        .number()
        .int()
        .min(60)
        .max(30 * 86400),
    )
    .min(1)
    .max(8)
    .optional(),
};

/** The rules a page spec follows beyond its fields' own. */
export function checkPageSpec(
  spec: { kind: PageKind; schema?: FormSchema | undefined; postponeOptionsS?: number[] | undefined },
  ctx: z.RefinementCtx,
): void {
  if (spec.kind === 'form' && !spec.schema) {
    ctx.addIssue({ code: 'custom', path: ['schema'], message: 'a form page needs a schema' });
  }
  if (spec.kind !== 'form' && spec.schema) {
    ctx.addIssue({ code: 'custom', path: ['schema'], message: 'only a form page has a schema' });
  }
  if (spec.kind !== 'postpone' && spec.postponeOptionsS) {
    ctx.addIssue({ code: 'custom', path: ['postponeOptionsS'], message: 'only a postpone page has delays' });
  }
  if (spec.postponeOptionsS && new Set(spec.postponeOptionsS).size !== spec.postponeOptionsS.length) {
    ctx.addIssue({ code: 'custom', path: ['postponeOptionsS'], message: 'delays must differ' });
  }
}

/** The page a SHOW opens: `page` of POST …/commands, or a stored template. */
export const pageSpecSchema = z.object(pageSpecShape).superRefine(checkPageSpec);
export type PageSpec = z.infer<typeof pageSpecSchema>;

/** A form's submitted values, by field name. */
export const formValuesSchema = z.record(formFieldNameSchema, z.union([z.string(), z.number(), z.boolean()]));
export type FormValues = z.infer<typeof formValuesSchema>;

/**
 * The person's answer, which becomes the SHOW command's `result`: accept / decline (consent, or
 * "Now" on a postpone page), seen (info), a delay (postpone) or the form's values.
 */
export const pageAnswerSchema = z.union([
  z.strictObject({ answer: z.enum(['accept', 'decline', 'seen']) }),
  z.strictObject({ postponeS: z.number().int().min(1) }),
  formValuesSchema,
]);
export type PageAnswer = z.infer<typeof pageAnswerSchema>;
