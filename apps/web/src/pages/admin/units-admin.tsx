import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { forgetCachedReferenceData, usePoll } from '../../api/hooks';
import type { Page, UnitDetail } from '../../api/types';
import { formatTime } from '../../cases/deadline';
import { useShowError } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { DirectoryImport } from './directory-import';
import { showFieldErrors } from './admin-api';

type KindFilter = 'all' | 'department' | 'street';
type ActiveFilter = 'all' | 'active' | 'inactive';

/**
 * 部门/街道目录: every unit that receives cases, searchable by code, name, duties and communities;
 * an admin adds or changes one (never deletes: deactivates) and imports a whole directory file.
 */
export function UnitsAdmin() {
  const { t } = useI18n();
  const showError = useShowError();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [active, setActive] = useState<ActiveFilter>('all');
  const [editing, setEditing] = useState<UnitDetail | 'new'>();
  const { data, error, reload } = usePoll(
    () =>
      api<Page<UnitDetail>>('/api/v1/directory/units', {
        query: {
          kind: kind === 'all' ? undefined : kind,
          active: active === 'all' ? undefined : active === 'active',
        },
      }),
    `units:${kind}:${active}`,
    60000,
  );
  useEffect(() => {
    if (error) showError(error);
  }, [error, showError]);

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const all = data?.items ?? [];
    if (!needle) return all;
    return all.filter((u) =>
      [u.code, u.name, u.nameEn ?? '', u.duties, ...u.communities].some((s) =>
        s.toLowerCase().includes(needle),
      ),
    );
  }, [data, q]);

  const columns: ColumnsType<UnitDetail> = [
    { title: t('admin.unit.code'), dataIndex: 'code', width: 170, render: (v: string) => <code>{v}</code> },
    {
      title: t('admin.unit.name'),
      key: 'name',
      render: (_, u) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{u.name}</Typography.Text>
          {u.nameEn && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {u.nameEn}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('admin.unit.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (v: UnitDetail['kind']) => (
        <Tag color={v === 'street' ? 'cyan' : 'blue'}>{t(`admin.unit.kind.${v}`)}</Tag>
      ),
    },
    {
      title: t('admin.unit.duties'),
      key: 'duties',
      render: (_, u) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: u.duties }} style={{ margin: 0 }}>
          {u.duties || '—'}
          {u.communities.length > 0 && (
            <Typography.Text type="secondary">
              {' '}
              · {t('admin.unit.communityCount', { n: u.communities.length })}
            </Typography.Text>
          )}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('admin.unit.active'),
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) =>
        v ? <Tag color="green">{t('admin.unit.active.yes')}</Tag> : <Tag>{t('admin.unit.active.no')}</Tag>,
    },
    { title: t('admin.updatedAt'), dataIndex: 'updatedAt', width: 130, render: (v: string) => formatTime(v) },
    {
      key: 'edit',
      width: 70,
      render: (_, u) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)} data-action="edit-unit">
          {t('admin.edit')}
        </Button>
      ),
    },
  ];

  const changed = () => {
    forgetCachedReferenceData();
    reload();
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <div className="page-title">
        <Space wrap>
          <Input.Search
            allowClear
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('admin.unit.searchHint')}
            style={{ width: 260 }}
            data-testid="unit-search"
          />
          <Segmented<KindFilter>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'department', label: t('admin.unit.kind.department') },
              { value: 'street', label: t('admin.unit.kind.street') },
            ]}
          />
          <Segmented<ActiveFilter>
            value={active}
            onChange={setActive}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'active', label: t('admin.unit.active.yes') },
              { value: 'inactive', label: t('admin.unit.active.no') },
            ]}
          />
          <Typography.Text type="secondary">{t('admin.count', { n: rows.length })}</Typography.Text>
        </Space>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-action="new-unit"
        >
          {t('admin.unit.new')}
        </Button>
      </div>
      <Table<UnitDetail>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={!data && !error}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        data-testid="units"
      />
      <DirectoryImport onDone={changed} />
      {editing && (
        <UnitForm
          unit={editing === 'new' ? null : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            changed();
          }}
        />
      )}
    </Space>
  );
}

interface UnitValues {
  code: string;
  kind: 'department' | 'street';
  name: string;
  nameEn?: string;
  duties?: string;
  communities?: string[];
  active: boolean;
}

const UNIT_FIELDS = ['code', 'kind', 'name', 'nameEn', 'duties', 'communities', 'active'] as const;

/** Adds a unit or changes one; the API's refusals appear under the fields they name. */
function UnitForm({
  unit,
  onClose,
  onSaved,
}: {
  unit: UnitDetail | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<UnitValues>();
  const [busy, setBusy] = useState(false);
  const save = async (v: UnitValues) => {
    setBusy(true);
    const fields = {
      kind: v.kind,
      name: v.name.trim(),
      nameEn: v.nameEn?.trim() || null,
      duties: v.duties?.trim() ?? '',
      communities: v.communities ?? [],
      active: v.active,
    };
    try {
      if (unit) await api(`/api/v1/directory/units/${unit.code}`, { method: 'PUT', body: fields });
      else await api('/api/v1/directory/units', { method: 'POST', body: { code: v.code.trim(), ...fields } });
      void message.success(t('admin.saved'));
      onSaved();
    } catch (e) {
      if (!showFieldErrors(form, e, UNIT_FIELDS)) showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={unit ? t('admin.unit.edit', { code: unit.code }) : t('admin.unit.new')}
      onCancel={onClose}
      okText={t('admin.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy }}
      destroyOnHidden
      width={640}
    >
      <Form<UnitValues>
        form={form}
        layout="vertical"
        initialValues={
          unit
            ? { ...unit, nameEn: unit.nameEn ?? undefined }
            : { kind: 'department', active: true, communities: [] }
        }
        onFinish={(v) => void save(v)}
        data-testid="unit-form"
      >
        <Form.Item
          name="code"
          label={t('admin.unit.code')}
          extra={unit ? undefined : t('admin.unit.codeHint')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input disabled={!!unit} placeholder="housing" data-testid="unit-code" />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.unit.kind')}>
          <Radio.Group>
            <Radio value="department">{t('admin.unit.kind.department')}</Radio>
            <Radio value="street">{t('admin.unit.kind.street')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="name"
          label={t('admin.unit.name')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={100} placeholder="区住房保障和房屋管理局" data-testid="unit-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.unit.nameEn')}>
          <Input maxLength={200} placeholder="Housing Administration Bureau" />
        </Form.Item>
        <Form.Item name="duties" label={t('admin.unit.duties')} extra={t('admin.unit.dutiesHint')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="communities"
          label={t('admin.unit.communities')}
          extra={t('admin.unit.communitiesHint')}
        >
          <Select mode="tags" tokenSeparators={[',', '，', '、']} suffixIcon={null} />
        </Form.Item>
        <Form.Item
          name="active"
          label={t('admin.unit.active')}
          valuePropName="checked"
          extra={t('admin.unit.activeHint')}
        >
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
