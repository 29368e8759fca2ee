// Turns what the person pressed or typed on a page into the SHOW command's result (protocol §8).
import { DEFAULT_POSTPONE_OPTIONS_S, type PageAnswer, type PageSpec } from '@dmc/shared/api';
import { readFormValues, type FieldErrors, type FormInput } from './form-validator';

export type ReadAnswer =
  | { ok: true; answer: PageAnswer }
  | { ok: false; message: string; errors: FieldErrors; entered: Record<string, string> };

/** The delays a postpone page offers, in seconds. */
export function postponeOptionsOf(spec: PageSpec): readonly number[] {
  return spec.postponeOptionsS ?? DEFAULT_POSTPONE_OPTIONS_S;
}

const CHOOSE = 'Choose one of the buttons.';

function refused(message: string): ReadAnswer {
  return { ok: false, message, errors: {}, entered: {} };
}

/** `choice` is the value of the pressed button; `fields` the form body (form pages). */
export function readAnswer(spec: PageSpec, choice: string | undefined, fields: FormInput): ReadAnswer {
  switch (spec.kind) {
    case 'consent':
      if (choice === 'accept' || choice === 'decline') return { ok: true, answer: { answer: choice } };
      return refused(CHOOSE);
    case 'info':
      return { ok: true, answer: { answer: 'seen' } };
    case 'postpone': {
      if (choice === 'now') return { ok: true, answer: { answer: 'accept' } };
      const delay = Number(choice);
      if (choice !== undefined && /^\d+$/.test(choice) && postponeOptionsOf(spec).includes(delay)) {
        return { ok: true, answer: { postponeS: delay } };
      }
      return refused(CHOOSE);
    }
    case 'form': {
      if (!spec.schema) return refused('This form has no fields.');
      const read = readFormValues(spec.schema, fields);
      if (Object.keys(read.errors).length === 0) return { ok: true, answer: read.values };
      return {
        ok: false,
        message: 'Please correct the fields marked below.',
        errors: read.errors,
        entered: read.entered,
      };
    }
  }
}
