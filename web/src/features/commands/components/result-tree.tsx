import { useState } from 'react';
import { ActionIcon, Box, Button, CopyButton, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { resultSummary, toResultNode, type ResultNode } from '../lib/result-nodes';

/** Levels open when the view is expanded: enough to reach the values of a GET's MO data. */
const OPEN_LEVELS = 5;

function Branch({ node, level }: { node: Extract<ResultNode, { kind: 'branch' }>; level: number }) {
  const [open, setOpen] = useState(level < OPEN_LEVELS);
  return (
    <li>
      <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={open} fz="sm" ff="monospace" fw={600}>
        {open ? '▾' : '▸'} {node.name}{' '}
        <Text span c="dimmed" fz="xs">
          ({node.count})
        </Text>
      </UnstyledButton>
      {open && <Nodes nodes={node.children} hidden={node.hidden} level={level + 1} />}
    </li>
  );
}

function Nodes({ nodes, hidden, level }: { nodes: ResultNode[]; hidden: number; level: number }) {
  return (
    <Box component="ul" role="group" pl={level === 0 ? 0 : 'md'} m={0} style={{ listStyle: 'none' }}>
      {nodes.map((node, i) =>
        node.kind === 'branch' ? (
          <Branch key={`${node.name}-${i}`} node={node} level={level} />
        ) : (
          <li key={`${node.name}-${i}`} data-testid="result-leaf">
            <Text span fz="sm" ff="monospace" c="dimmed">
              {node.name}
            </Text>
            <Text span fz="sm" ff="monospace">
              {' '}
              = {node.value}
            </Text>
          </li>
        ),
      )}
      {hidden > 0 && (
        <li>
          <Text span fz="xs" c="dimmed">
            … {hidden} more (copy the result to see them all)
          </Text>
        </li>
      )}
    </Box>
  );
}

/**
 * A command's result as a collapsible tree of nodes and values (MO data, a status's Data), with a
 * one-line summary when collapsed and a button that copies the whole result as JSON.
 */
export function ResultTree({ value, label = 'result' }: { value: unknown; label?: string }) {
  const [open, setOpen] = useState(false);
  const root = toResultNode('', value);
  return (
    <Box data-testid="result-view">
      <Group gap={4} wrap="nowrap">
        <Button
          variant="subtle"
          size="compact-xs"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-label={open ? `Collapse ${label}` : `Expand ${label}`}
        >
          {open ? '▾' : '▸'}
        </Button>
        <Text
          size="sm"
          ff="monospace"
          lineClamp={1}
          style={{ wordBreak: 'break-all' }}
          title={resultSummary(value)}
        >
          {resultSummary(value)}
        </Text>
        <CopyButton value={JSON.stringify(value, null, 2)}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy as JSON'} withArrow>
              <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label={`Copy ${label} as JSON`}>
                {copied ? '✓' : '⧉'}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      {open && (
        <Box mt={4} role="tree" aria-label={label}>
          {root.kind === 'branch' ? (
            <Nodes nodes={root.children} hidden={root.hidden} level={0} />
          ) : (
            <Text size="sm" ff="monospace">
              {root.value}
            </Text>
          )}
        </Box>
      )}
    </Box>
  );
}
