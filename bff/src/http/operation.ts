// One route of the console API as data: what the OpenAPI document says about it (method, path,
// access, schemas, statuses) and the handler that answers it, in one entry (docs/adr/0006).
// mountOperations turns the entries into Express routes; openapi/openapi-document.ts turns the same
// entries into the API description, and the permission matrix test calls each one in every role.
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { User } from '@dmc/shared/api';
import type { Action } from '../domain/auth/permissions';
import type { ApiServices } from './api-services';
import type {
  INPUT_COMPONENTS,
  InputComponent,
  OUTPUT_COMPONENTS,
  OutputComponent,
} from './openapi/components';
import type { ApiTag } from './openapi/tags';

/**
 * Who may call a route: anyone; anyone, using a credential when one is sent; any signed-in user; or
 * a signed-in user whose role grants `action` (a role without it gets 403, protocol §8).
 */
export type ApiAccess =
  { kind: 'public' } | { kind: 'optional' } | { kind: 'signed-in' } | { kind: 'action'; action: Action };

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type SuccessStatus = 200 | 201 | 202 | 204;
/** Errors a route gives on its own; 401 and 403 follow from `access` too. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429;

/** A DM 1.x DDF as XML text, or a JSON document; the handler reads it and parses `xmlQuery` itself. */
export interface XmlOrJsonBody {
  xml: string;
  xmlQuery: z.ZodObject;
  json: InputComponent;
}

/**
 * A JSON body (a named schema, parsed before the handler runs), raw bytes the handler streams
 * (`binary`), or XML text or a JSON body.
 */
export type BodySpec = InputComponent | 'binary' | XmlOrJsonBody;
export type SuccessSchema = OutputComponent | 'any-json';

/** Returned by a handler that has written the answer itself (a stream, a file, a refusal). */
export class Sent {
  protected readonly brand = 'sent';
}
export const SENT = new Sent();

type BodyOf<B> = B extends InputComponent ? z.output<(typeof INPUT_COMPONENTS)[B]> : undefined;
type QueryOf<Q> = Q extends z.ZodObject ? z.output<Q> : undefined;
/** What a handler answers: the success body of its schema, nothing (no schema), or SENT. */
export type ReplyOf<R> = R extends OutputComponent ? z.output<(typeof OUTPUT_COMPONENTS)[R]> : void;

/** The names of the `:name` segments of an Express path, as a union of string literals. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export interface OperationInput<P extends string, B, Q> {
  /** The `:name` segments of the path. */
  params: Readonly<Record<PathParams<P>, string>>;
  query: QueryOf<Q>;
  body: BodyOf<B>;
  /** The signed-in user; reading it on an anonymous request is a 401. */
  readonly user: User;
  req: Request;
  res: Response;
}

export interface OperationSpec<
  P extends string,
  B extends BodySpec | undefined,
  Q,
  R extends SuccessSchema | undefined,
> {
  method: HttpMethod;
  /** Express syntax: `/api/v1/devices/:devId`. */
  path: P;
  operationId: string;
  summary: string;
  tag: ApiTag;
  access: ApiAccess;
  body?: B;
  /** A JSON body that may be left out: it is then read as `{}`. */
  optionalBody?: true;
  query?: Q;
  success: {
    status: SuccessStatus;
    description: string;
    schema?: R;
    /** The Location header of a 201, from the created resource. */
    location?(body: ReplyOf<R>): string;
  };
  errors: readonly ErrorStatus[];
  /** Express middleware run after the permission check, before the input is parsed. */
  before?: readonly RequestHandler[];
  handle(
    input: OperationInput<P, B, Q>,
    services: ApiServices,
  ): Promise<ReplyOf<R> | Sent> | ReplyOf<R> | Sent;
}

/** An entry of the table, its handler's types erased so entries of every shape share one list. */
export type ApiOperation = OperationSpec<
  string,
  BodySpec | undefined,
  z.ZodObject | undefined,
  SuccessSchema | undefined
>;

/** Checks an entry against its own schemas: the handler gets the parsed body and query it declares. */
export function defineOperation<
  const P extends string,
  const B extends BodySpec | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  const R extends SuccessSchema | undefined = undefined,
>(spec: OperationSpec<P, B, Q, R>): ApiOperation {
  return spec;
}

/** The names of the `:name` segments of a path, in order. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map(([, name = '']) => name);
}
