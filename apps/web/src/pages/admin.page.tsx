import { Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { ClassifierAdmin } from './admin/classifier-admin';
import { PoliciesAdmin } from './admin/policies-admin';
import { UnitsAdmin } from './admin/units-admin';

const TABS = ['units', 'policies', 'classifier'] as const;
type Tab = (typeof TABS)[number];

/**
 * `/admin` (系统管理, admins only): the unit directory with its import, the policy registry, and the
 * classifier models with training, activation, roll-back and training examples. The open tab is in
 * the address (`?tab=policies`).
 */
export default function AdminPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'units';
  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>{t('admin.title')}</Typography.Title>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'units' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'units', label: t('admin.tab.units'), children: <UnitsAdmin /> },
          { key: 'policies', label: t('admin.tab.policies'), children: <PoliciesAdmin /> },
          { key: 'classifier', label: t('admin.tab.classifier'), children: <ClassifierAdmin /> },
        ]}
      />
    </div>
  );
}
