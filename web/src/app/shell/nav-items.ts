import type { LucideIcon } from 'lucide-react';
import {
  Bell,
  FileBox,
  Layers,
  LayoutDashboard,
  MessageSquareText,
  Router,
  ScrollText,
  ShieldCheck,
  Terminal,
  Users,
} from 'lucide-react';

export type NavItem = {
  label: string;
  icon: LucideIcon;
  /** Absent while the screen does not exist yet: the entry is shown disabled, never as a dead link. */
  to?: string;
  isAdminOnly?: boolean;
};

export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Dashboard', icon: LayoutDashboard, to: '/dashboard' },
  { label: 'Devices', icon: Router, to: '/devices' },
  { label: 'Campaigns', icon: Layers, to: '/campaigns' },
  { label: 'Profiles', icon: ShieldCheck, to: '/profiles' },
  { label: 'Alerts', icon: Bell, to: '/alerts' },
  { label: 'Commands', icon: Terminal, to: '/commands' },
  { label: 'Artifacts', icon: FileBox, to: '/artifacts' },
  { label: 'Pages', icon: MessageSquareText, to: '/pages' },
  { label: 'Users', icon: Users, to: '/users', isAdminOnly: true },
  { label: 'Audit', icon: ScrollText, to: '/audit', isAdminOnly: true },
];
