// SQLite plans a statement again on every run when its LIMIT or OFFSET is a bound parameter (the
// value may change the plan): ~10 µs per query on this schema, more than the query itself. Kysely
// binds every value, so on SQLite the top-level LIMIT and OFFSET of a SELECT are written into the SQL
// instead. Each distinct value is then its own cached statement; values are integers, never text.
import {
  LimitNode,
  OffsetNode,
  SelectQueryNode,
  ValueNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/** The count as an inline literal, or undefined when it is not a plain bound integer. */
function inlined(value: OperationNode): ValueNode | undefined {
  if (!ValueNode.is(value) || value.immediate === true) return undefined;
  return Number.isSafeInteger(value.value) ? ValueNode.createImmediate(value.value) : undefined;
}

export class InlineLimitsPlugin implements KyselyPlugin {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (!SelectQueryNode.is(node)) return node;
    let result = node;
    const limit = node.limit && inlined(node.limit.limit);
    if (limit) result = SelectQueryNode.cloneWithLimit(result, LimitNode.create(limit));
    const offset = node.offset && inlined(node.offset.offset);
    if (offset) result = SelectQueryNode.cloneWithOffset(result, OffsetNode.create(offset));
    return result;
  }

  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(result);
  }
}
