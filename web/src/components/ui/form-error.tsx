import { Alert, Code, List, Text } from '@mantine/core';
import { isApiError } from '../../lib/api-error';
import { fieldErrorsOf } from '../../lib/field-errors';

type FormErrorProps = {
  error: unknown;
  /** Field keys → the labels the form shows, so errors name fields as the person sees them. */
  labels?: Readonly<Record<string, string>>;
};

/**
 * A refused form submission: each field's problem in words ("Name: must be at least 1
 * character"), or the API's message; always with its error code, never a stack.
 */
export function FormError({ error, labels }: FormErrorProps) {
  if (error === null || error === undefined) return null;
  const fields = fieldErrorsOf(error, labels);
  const code = isApiError(error) ? error.code : undefined;
  return (
    <Alert color="red" role="alert" data-testid="form-error">
      {fields.length === 0 ? (
        <Text size="sm">{error instanceof Error ? error.message : 'The request failed.'}</Text>
      ) : fields.length === 1 ? (
        <Text size="sm">{fields[0]?.text}</Text>
      ) : (
        <List size="sm">
          {fields.map((f) => (
            <List.Item key={`${f.field}:${f.problem}`}>{f.text}</List.Item>
          ))}
        </List>
      )}
      {code && (
        <Text size="xs" c="dimmed" mt={4}>
          Error code <Code fz="xs">{code}</Code>
        </Text>
      )}
    </Alert>
  );
}
