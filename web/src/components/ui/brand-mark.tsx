import { ThemeIcon } from '@mantine/core';
import { RadioTower } from 'lucide-react';

export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <ThemeIcon size={size} radius="md" variant="gradient" gradient={{ from: 'indigo', to: 'cyan', deg: 135 }}>
      <RadioTower size={Math.round(size * 0.58)} aria-hidden />
    </ThemeIcon>
  );
}
