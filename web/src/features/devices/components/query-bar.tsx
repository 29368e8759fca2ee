import { ActionIcon, Button, Combobox, Group, Input, Stack, Text, Tooltip, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Filter, X } from 'lucide-react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { parseQuery } from '@dmc/shared/query';
import { completeQuery } from '../lib/query-completion';
import { highlightQuery, type SegmentKind } from '../lib/query-highlight';
import classes from './query-bar.module.css';

const ERROR_DELAY_MS = 600;
const EXAMPLE = 'Mod = "Sim-1" AND FwV < "2.0" AND lastSeen > -1h';

const SEGMENT_CLASS: Record<SegmentKind, string | undefined> = {
  plain: undefined,
  field: classes.field_,
  keyword: classes.keyword,
  string: classes.string,
  number: classes.number,
  tree: classes.tree,
  operator: classes.operator,
  invalid: classes.invalid,
};

type QueryBarProps = {
  /** The applied query (from the URL); the bar is keyed on it, so Back resets what is typed. */
  value: string;
  onApply: (query: string) => void;
  /** Told when the query shown gets an error (its text) and when it has none again (null). */
  onErrorChange?: (message: string | null) => void;
};

/**
 * The fleet query editor: highlighted as typed, completion of fields, MO node paths, operators and
 * values, and errors underlined at the exact characters. Enter applies a query that parses.
 */
export function QueryBar({ value, onApply, onErrorChange }: QueryBarProps) {
  const [text, setText] = useState(value);
  const [caret, setCaret] = useState(value.length);
  const [submitted, setSubmitted] = useState(false);
  const [settled] = useDebouncedValue(text, ERROR_DELAY_MS);
  const inputRef = useRef<HTMLInputElement>(null);
  const overlayRef = useRef<HTMLDivElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });

  const result = useMemo(() => parseQuery(text), [text]);
  // Errors show once typing pauses (or on Enter), not at every half-typed word.
  const error = !result.ok && (submitted || settled === text) ? result.error : null;
  const segments = useMemo(() => highlightQuery(text, error), [text, error]);
  const errorText = error ? `Character ${error.offset + 1}: ${error.message}` : null;
  useEffect(() => onErrorChange?.(errorText), [errorText, onErrorChange]);
  const completion = useMemo(() => completeQuery(text, caret), [text, caret]);

  useLayoutEffect(() => {
    const input = inputRef.current;
    if (pendingCaret.current === null || !input) return;
    input.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
    if (overlayRef.current) overlayRef.current.scrollLeft = input.scrollLeft;
  });

  const edit = (next: string, nextCaret: number) => {
    setText(next);
    setCaret(nextCaret);
    setSubmitted(false);
    combobox.openDropdown();
  };

  const apply = () => {
    combobox.closeDropdown();
    if (result.ok) onApply(text.trim());
    else setSubmitted(true);
  };

  const accept = (index: string) => {
    const item = completion.items[Number(index)];
    if (!item) return;
    const next = text.slice(0, completion.from) + item.insert + text.slice(completion.to);
    const at = completion.from + item.insert.length;
    pendingCaret.current = at;
    edit(next, at);
    combobox.resetSelectedOption();
  };

  const syncCaret = () => {
    const input = inputRef.current;
    if (!input) return;
    setCaret(input.selectionStart ?? text.length);
    if (overlayRef.current) overlayRef.current.scrollLeft = input.scrollLeft;
  };

  return (
    <Stack gap={0} style={{ flex: 1, minWidth: 'min(320px, 100%)' }}>
      <Input.Label htmlFor="fleet-query">Query</Input.Label>
      <Group gap="xs" wrap="nowrap" align="center">
        <Combobox store={combobox} onOptionSubmit={accept} position="bottom-start" width={460}>
          <Combobox.DropdownTarget>
            <div className={classes.field} data-error={error ? true : undefined}>
              <Filter size={16} className={classes.icon} aria-hidden />
              <div ref={overlayRef} className={classes.overlay} aria-hidden data-testid="query-highlight">
                {segments.map((s, i) => (
                  <span
                    key={i}
                    className={[SEGMENT_CLASS[s.kind], s.isError ? classes.error : undefined]
                      .filter(Boolean)
                      .join(' ')}
                    data-error={s.isError || undefined}
                  >
                    {s.text}
                  </span>
                ))}
              </div>
              <Combobox.EventsTarget withExpandedAttribute>
                <input
                  ref={inputRef}
                  id="fleet-query"
                  className={classes.input}
                  aria-label="Fleet query"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? 'fleet-query-error' : undefined}
                  placeholder={`e.g. ${EXAMPLE}`}
                  spellCheck={false}
                  autoComplete="off"
                  value={text}
                  onChange={(e) => edit(e.currentTarget.value, e.currentTarget.selectionStart ?? 0)}
                  onSelect={syncCaret}
                  onScroll={syncCaret}
                  onFocus={() => combobox.openDropdown()}
                  onBlur={() => combobox.closeDropdown()}
                  onKeyDown={(e) => {
                    const choosing = combobox.dropdownOpened && combobox.getSelectedOptionIndex() !== -1;
                    if (e.key === 'Enter' && !choosing) {
                      e.preventDefault();
                      apply();
                    } else if (e.key === 'Tab' && choosing) {
                      e.preventDefault();
                      combobox.clickSelectedOption();
                    }
                  }}
                />
              </Combobox.EventsTarget>
            </div>
          </Combobox.DropdownTarget>
          <Combobox.Dropdown hidden={completion.items.length === 0}>
            <Combobox.Options mah={320} style={{ overflowY: 'auto' }} aria-label="Query completions">
              {completion.items.map((item, i) => (
                <Combobox.Option value={String(i)} key={`${item.insert}-${i}`}>
                  <Group gap="sm" wrap="nowrap" justify="space-between">
                    <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                      {item.insert.trim()}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {item.detail}
                    </Text>
                  </Group>
                </Combobox.Option>
              ))}
            </Combobox.Options>
          </Combobox.Dropdown>
        </Combobox>
        {text !== '' && (
          <Tooltip label="Clear the query">
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label="Clear query"
              onClick={() => {
                edit('', 0);
                combobox.closeDropdown();
                onApply('');
              }}
            >
              <X size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
        <Button variant="light" onClick={apply} disabled={text.trim() === value.trim() && !error}>
          Apply
        </Button>
      </Group>
      {error && (
        <Text
          id="fleet-query-error"
          role="alert"
          size="sm"
          c="red"
          data-testid="query-error"
          data-offset={error.offset}
        >
          {errorText}
        </Text>
      )}
    </Stack>
  );
}
