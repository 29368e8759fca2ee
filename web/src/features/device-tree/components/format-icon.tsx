import type { LucideIcon } from 'lucide-react';
import {
  Binary,
  Calendar,
  Clock,
  Code,
  Folder,
  FolderOpen,
  Hash,
  Percent,
  ToggleLeft,
  Type,
} from 'lucide-react';

const ICONS: Record<string, LucideIcon> = {
  int: Hash,
  float: Percent,
  bool: ToggleLeft,
  date: Calendar,
  time: Clock,
  b64: Binary,
  bin: Binary,
  xml: Code,
  chr: Type,
};

/** The node's DDF format as an icon; interior nodes are folders. */
export function FormatIcon({ format, isOpen = false }: { format: string; isOpen?: boolean }) {
  const Icon = format === 'node' ? (isOpen ? FolderOpen : Folder) : (ICONS[format] ?? Type);
  return <Icon size={14} aria-hidden opacity={0.65} style={{ flexShrink: 0 }} />;
}
