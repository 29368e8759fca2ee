import { Box } from '@mantine/core';

type SparklineProps = {
  values: readonly number[];
  /** Read out instead of the drawing. */
  label: string;
  width?: number;
  height?: number;
};

/** A small area chart in plain SVG: cheap enough for the first paint, no chart library needed. */
export function Sparkline({ values, label, width = 160, height = 40 }: SparklineProps) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => [i * step, height - 2 - (v / max) * (height - 4)] as const);
  const line = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const area = `${line} L${width},${height} L0,${height} Z`;
  return (
    <Box
      component="svg"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${height}`}
      w={width}
      h={height}
      style={{ display: 'block' }}
    >
      <path d={area} fill="var(--mantine-color-indigo-light)" />
      <path
        d={line}
        fill="none"
        stroke="var(--mantine-color-indigo-6)"
        strokeWidth={1.5}
        strokeLinejoin="round"
      />
    </Box>
  );
}
