import type { Role } from '../api/types';
import type { MessageKey } from '../i18n/messages';

/** The staff pages, who sees each in the side menu (and may open it), and each role's start page. */
export const PAGES = {
  queue: {
    path: '/queue',
    label: 'menu.queue',
    roles: ['staff', 'lead', 'dispatcher', 'supervisor', 'analyst', 'admin'],
  },
  dispatch: { path: '/dispatch', label: 'menu.dispatch', roles: ['dispatcher', 'admin'] },
  review: { path: '/review', label: 'menu.review', roles: ['lead'] },
  sla: { path: '/sla', label: 'menu.sla', roles: ['supervisor', 'dispatcher', 'admin'] },
  analytics: {
    path: '/analytics',
    label: 'menu.analytics',
    // Staff and leads read their own unit's figures (the API scopes them).
    roles: ['analyst', 'supervisor', 'dispatcher', 'admin', 'staff', 'lead'],
  },
  clusters: {
    path: '/clusters',
    label: 'menu.clusters',
    roles: ['staff', 'lead', 'dispatcher', 'supervisor', 'analyst', 'admin'],
  },
  admin: { path: '/admin', label: 'menu.admin', roles: ['admin'] },
} satisfies Record<string, { path: string; label: MessageKey; roles: readonly Role[] }>;
export type PageName = keyof typeof PAGES;

export function mayOpen(role: Role, page: PageName): boolean {
  return (PAGES[page].roles as readonly Role[]).includes(role);
}

export function homeOf(role: Role): string {
  switch (role) {
    case 'dispatcher':
      return PAGES.dispatch.path;
    case 'supervisor':
      return PAGES.sla.path;
    case 'analyst':
      return PAGES.analytics.path;
    case 'staff':
    case 'lead':
    case 'admin':
    case 'integration':
      return PAGES.queue.path;
  }
}

/** Roles with a notification inbox (SLA warnings, 督办, 催办, 重办). */
export const NOTIFIED_ROLES: readonly Role[] = ['staff', 'lead', 'dispatcher', 'supervisor', 'admin'];
