// The number a stored tree value is, for the fleet query's numeric comparisons
// (docs/query-language.md, "Tree values"). Kept beside each node as `tree_nodes.value_num`
// (migration 0027) by every writer of tree_nodes, so both engines compare the same number and the
// `(moid, path, value_num, dev_id)` index answers `@FUMO/State != 10` without reading the rows.

/** A plain decimal number with an optional exponent, with ASCII white space around it. */
const DECIMAL = /^[ \t\n\v\f\r]*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?[ \t\n\v\f\r]*$/;

/** Longest value read as a number; longer text is never one (and is not parsed). */
const MAX_NUMBER_LENGTH = 400;

/**
 * The value as a number, or null when it is none: absent, empty, not a plain decimal number
 * (`0x10`, `1.2.3`, `10 %`, `NaN`), or beyond the range of a double (`1e999`).
 */
export function treeValueNumber(value: string | null): number | null {
  if (value === null || value.length > MAX_NUMBER_LENGTH || !DECIMAL.test(value)) return null;
  const number = Number(value.trim());
  // -0 is stored as 0: the engines' JSON and array encodings would not all keep the sign.
  return Number.isFinite(number) ? number + 0 : null;
}
