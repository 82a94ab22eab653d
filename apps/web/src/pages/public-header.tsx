import { Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { LangSwitch } from '../layout/lang-switch';

/** The public pages' header: the board's name, the language switch, the staff sign-in. */
export function PublicHeader() {
  const { t } = useI18n();
  return (
    <div className="public-header">
      <Typography.Title level={3} style={{ margin: 0 }}>
        <Link to="/board" style={{ color: 'inherit' }}>
          {t('board.title')}
        </Link>
      </Typography.Title>
      <Space>
        <LangSwitch />
        <Link to="/login">{t('board.staffLogin')}</Link>
      </Space>
    </div>
  );
}
