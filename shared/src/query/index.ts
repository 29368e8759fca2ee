export * from './ast';
export * from './fields';
export { tokenize, nextToken } from './lexer';
export type { Token, TokenKind } from './lexer';
export { parseQuery, MAX_QUERY_LENGTH } from './parser';
export { PROFILE_QUERY_STATUSES } from './check';
export { formatQuery, formatTarget, formatLiteral, quoteString } from './format';
export { MO_ALIASES, moidsOf, isUrn, SHORT_SEGMENT } from './tree-ref';
export { parseIsoTime, parseDuration } from './time';
