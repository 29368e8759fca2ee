// The order of version strings (protocol §11, docs/query-language.md "Versions"): how `FwV < "1.10"`
// compares, and the sort key the server stores beside DevInfo/FwV and SwV so the comparison runs in
// SQL as a plain string comparison on an index.
//
// A version is a release, optionally followed by `-` and a pre-release tag; anything from `+` on
// (build metadata) is ignored. Each part is a list of identifiers: maximal runs of ASCII digits
// (numbers) or ASCII letters (words, compared case-insensitively); every other character only
// separates them, so `1.0`, `1_0` and `1 0` are equal, and `rc1` is `rc.1`.
// - Identifiers compare in turn: numbers by value (9 < 10), words alphabetically, a number before a
//   word (1.0.1 < 1.0a).
// - A list that is a prefix of another comes first (1.0 < 1.0.0 < 1.0.1; rc < rc.1).
// - A pre-release comes before its release (1.0-rc1 < 1.0), after every lower release
//   (0.9 < 1.0-alpha), and tags compare like releases (alpha < beta < rc.1 < rc.2 < rc.10).

/** Digits of a number that count; longer numbers compare by their first 99 digits. */
const MAX_DIGITS = 99;

// Key alphabet (ASCII, so byte order = code-unit order): every tag below sorts before a digit or a
// letter, and the tags among themselves give the order above.
const PRE_RELEASE = '1';
const RELEASE_END = '2';
const NUMBER = '3';
const WORD = '4';
/** Ends a word: below 'a', so a word sorts before the longer words it begins. */
const WORD_END = '!';

type Identifier = { kind: 'number'; digits: string } | { kind: 'word'; text: string };

function identifiers(part: string): Identifier[] {
  const out: Identifier[] = [];
  for (const match of part.matchAll(/[0-9]+|[A-Za-z]+/g)) {
    const text = match[0];
    if (/^[0-9]/.test(text)) {
      const digits = text.replace(/^0+(?=.)/, '').slice(0, MAX_DIGITS);
      out.push({ kind: 'number', digits });
    } else {
      out.push({ kind: 'word', text: text.toLowerCase() });
    }
  }
  return out;
}

function encode(ids: readonly Identifier[]): string {
  return ids
    .map((id) =>
      id.kind === 'number'
        ? `${NUMBER}${String(id.digits.length).padStart(2, '0')}${id.digits}`
        : `${WORD}${id.text}${WORD_END}`,
    )
    .join('');
}

/** The release and the pre-release tag (undefined: none) of a version. */
function split(version: string): { release: string; pre: string | undefined } {
  const withoutBuild = version.split('+', 1)[0] ?? '';
  const dash = withoutBuild.indexOf('-');
  return dash < 0
    ? { release: withoutBuild, pre: undefined }
    : { release: withoutBuild.slice(0, dash), pre: withoutBuild.slice(dash + 1) };
}

/**
 * A string whose plain (byte or code-unit) order is the version order: `versionSortKey(a) <
 * versionSortKey(b)` exactly when version a comes before b, equal keys for equal versions. ASCII
 * only, so it compares the same in JavaScript, SQLite and a PostgreSQL column of collation "C".
 */
export function versionSortKey(version: string): string {
  const { release, pre } = split(version);
  const head = encode(identifiers(release));
  return pre === undefined ? `${head}${RELEASE_END}` : `${head}${PRE_RELEASE}${encode(identifiers(pre))}`;
}

/** Negative when `a` comes before `b`, positive after, 0 when they are equal versions. */
export function compareVersions(a: string, b: string): number {
  const ka = versionSortKey(a);
  const kb = versionSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The sort key of a stored value, null when there is none. */
export function versionSortKeyOrNull(version: string | null | undefined): string | null {
  return version === null || version === undefined ? null : versionSortKey(version);
}
