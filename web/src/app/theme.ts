import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A cool, low-glare dark palette (Linear/Grafana-like) instead of Mantine's default greys. */
const dark: MantineColorsTuple = [
  '#d5d9e0',
  '#aeb4bf',
  '#8a92a0',
  '#69717f',
  '#3b414c',
  '#2c313a',
  '#21252c',
  '#181b21',
  '#121419',
  '#0c0e12',
];

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  cursorType: 'pointer',
  colors: { dark },
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace:
    'ui-monospace, "JetBrains Mono", "SF Mono", SFMono-Regular, Menlo, Consolas, monospace',
  headings: { fontWeight: '600' },
  components: {
    Table: { defaultProps: { fz: 'sm' }, styles: { th: { whiteSpace: 'nowrap' } } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 200 } },
  },
});
