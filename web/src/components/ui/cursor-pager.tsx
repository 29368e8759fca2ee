import { Button, Group } from '@mantine/core';
import type { CursorPages } from '../../hooks/use-cursor-pages';

type CursorPagerProps = {
  pages: CursorPages;
  /** The cursor of the page after the one shown; null or undefined on the last page. */
  nextCursor: string | null | undefined;
  labels?: { previous: string; next: string };
};

/** Previous / next buttons over `useCursorPages`. */
export function CursorPager({
  pages,
  nextCursor,
  labels = { previous: 'Previous', next: 'Next' },
}: CursorPagerProps) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" disabled={!pages.hasPrevious} onClick={pages.previous}>
        {labels.previous}
      </Button>
      <Button
        variant="default"
        disabled={!nextCursor}
        onClick={() => {
          if (nextCursor) pages.next(nextCursor);
        }}
      >
        {labels.next}
      </Button>
    </Group>
  );
}
