import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Closer to the top than this counts as "at the top": new rows may push the list down. */
const TOP_SLACK_PX = 24;

function scrollParent(element: HTMLElement | null): HTMLElement | null {
  for (let node = element?.parentElement ?? null; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return null;
}

type Anchor = { id: string; top: number };

/**
 * Keeps what the reader is looking at in place while rows are prepended above it, and counts the
 * rows that arrived above the fold since the reader was last at the top ("N new alerts").
 * Rows carry `data-row-id`; `ids` is the list in display order.
 */
export function useFeedScroll(ids: readonly string[]) {
  const containerRef = useRef<HTMLDivElement>(null);
  const scrollerRef = useRef<HTMLElement | null>(null);
  const anchorRef = useRef<Anchor | null>(null);
  const seenRef = useRef<Set<string> | null>(null);
  const [unseen, setUnseen] = useState(0);

  const rowTop = (id: string): number | undefined =>
    containerRef.current
      ?.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(id)}"]`)
      ?.getBoundingClientRect().top;

  const recordAnchor = useCallback(() => {
    const scroller = scrollerRef.current;
    const container = containerRef.current;
    if (!scroller || !container || scroller.scrollTop <= TOP_SLACK_PX) {
      anchorRef.current = null;
      return;
    }
    const viewTop = scroller.getBoundingClientRect().top;
    for (const row of container.querySelectorAll<HTMLElement>('[data-row-id]')) {
      const rect = row.getBoundingClientRect();
      if (rect.bottom > viewTop) {
        anchorRef.current = { id: row.dataset.rowId ?? '', top: rect.top };
        return;
      }
    }
  }, []);

  const markAllSeen = useCallback((all: readonly string[]) => {
    seenRef.current = new Set(all);
    setUnseen(0);
  }, []);

  // The list renders a skeleton first: look for the scroller once rows are on screen.
  const hasRows = ids.length > 0;
  useEffect(() => {
    if (!hasRows) return;
    const scroller = scrollParent(containerRef.current);
    scrollerRef.current = scroller;
    if (!scroller) return;
    const onScroll = () => {
      recordAnchor();
      if (scroller.scrollTop <= TOP_SLACK_PX) setUnseen(0);
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => scroller.removeEventListener('scroll', onScroll);
  }, [hasRows, recordAnchor]);

  // Before paint: move the scroller by however far the anchor row was pushed down.
  useLayoutEffect(() => {
    const seen = seenRef.current;
    if (seen === null) {
      if (ids.length > 0) seenRef.current = new Set(ids);
      return;
    }
    const anchor = anchorRef.current;
    const scroller = scrollerRef.current;
    const top = anchor ? rowTop(anchor.id) : undefined;
    if (anchor && scroller && top !== undefined && top !== anchor.top) scroller.scrollTop += top - anchor.top;
    if (!scroller || scroller.scrollTop <= TOP_SLACK_PX) {
      markAllSeen(ids);
    } else {
      setUnseen(ids.filter((id) => !seen.has(id)).length);
    }
    recordAnchor();
  }, [ids, markAllSeen, recordAnchor]);

  const jumpToTop = useCallback(() => {
    scrollerRef.current?.scrollTo({ top: 0, behavior: 'smooth' });
    markAllSeen(ids);
  }, [ids, markAllSeen]);

  return { containerRef, unseen, jumpToTop };
}
