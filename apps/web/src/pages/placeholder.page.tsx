import { Result } from 'antd';
import { useI18n } from '../i18n/i18n';

/** Pages of issue 7 not built yet: the analyst's dashboards (they need clustering, #6) and admin. */
export default function PlaceholderPage({ which }: { which: 'analytics' | 'admin' }) {
  const { t } = useI18n();
  return (
    <Result
      status="info"
      title={t(which === 'analytics' ? 'analytics.title' : 'admin.title')}
      subTitle={t(which === 'analytics' ? 'analytics.placeholder' : 'admin.placeholder')}
    />
  );
}
