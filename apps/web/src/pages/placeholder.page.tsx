import { Result } from 'antd';
import { useI18n } from '../i18n/i18n';

/** Pages of issue 7 not built yet: the administration screens. */
export default function PlaceholderPage({ which }: { which: 'admin' }) {
  const { t } = useI18n();
  return <Result status="info" title={t(`${which}.title`)} subTitle={t(`${which}.placeholder`)} />;
}
