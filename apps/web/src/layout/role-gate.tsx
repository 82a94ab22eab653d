import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useSession } from '../auth/session.store';
import { useI18n } from '../i18n/i18n';
import { mayOpen, type PageName } from './navigation';

/** A page only some roles may open: the others get a 403 page. */
export function RoleGate({ page, children }: { page: PageName; children: ReactNode }) {
  const session = useSession();
  const { t } = useI18n();
  if (session && !mayOpen(session.user.role, page)) {
    return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  }
  return <>{children}</>;
}
