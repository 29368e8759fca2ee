// Media-type checks of the DM endpoints (protocol §2): 415 for a wrong Content-Type, 406 for an
// Accept the server cannot satisfy.

/** The bare media type of a Content-Type value, lower-cased, without parameters. */
export function mediaTypeOf(value: string | undefined): string | undefined {
  const bare = value?.split(';')[0]?.trim().toLowerCase();
  return bare === '' ? undefined : bare;
}

/** True when an Accept header admits `type` (absent Accept admits everything). */
export function accepts(acceptHeader: string | undefined, type: string): boolean {
  if (!acceptHeader || acceptHeader.trim() === '') return true;
  const [major] = type.split('/');
  return acceptHeader.split(',').some((entry) => {
    const [range, ...params] = entry.split(';').map((s) => s.trim().toLowerCase());
    const isRefused = params.some((p) => /^q=0(\.0{0,3})?$/.test(p));
    if (isRefused || !range) return false;
    return range === '*/*' || range === `${major}/*` || range === type;
  });
}
