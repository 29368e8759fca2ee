import { useState } from 'react';

/**
 * Back-and-forth paging over an API that pages with opaque cursors: the cursors of the pages seen so
 * far, the last one the page shown (undefined: the first page). A new `resetKey` (the filter the
 * pages belong to) starts again at the first page.
 */
export function useCursorPages<K>(resetKey: K) {
  const [paging, setPaging] = useState<{ key: K; cursors: (string | undefined)[] }>({
    key: resetKey,
    cursors: [undefined],
  });
  const cursors = paging.key === resetKey ? paging.cursors : [undefined];
  return {
    cursor: cursors.at(-1),
    hasPrevious: cursors.length > 1,
    previous: () => setPaging({ key: resetKey, cursors: cursors.slice(0, -1) }),
    next: (cursor: string) => setPaging({ key: resetKey, cursors: [...cursors, cursor] }),
  };
}

export type CursorPages = ReturnType<typeof useCursorPages>;
