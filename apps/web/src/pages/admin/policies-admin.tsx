import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { forgetCachedReferenceData, usePoll, useUnits } from '../../api/hooks';
import type { Page, Policy, ServiceItem } from '../../api/types';
import { unitName } from '../../components/case-bits';
import { useShowError } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { showFieldErrors } from './admin-api';

const PAGE_SIZE = 20;

/**
 * 政策库: the registered policies, searchable by 文号 or title; an admin registers one (文号, title,
 * drafting unit, keywords, 一网通办 service items) or changes it. A message citing a registered 文号
 * is routed to its drafter within the triage cache time (a minute).
 */
export function PoliciesAdmin() {
  const { t, lang } = useI18n();
  const showError = useShowError();
  const { byCode } = useUnits();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Policy | 'new'>();
  useEffect(() => {
    const id = setTimeout(() => {
      setQ(text.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(id);
  }, [text]);
  const { data, error, reload } = usePoll(
    () =>
      api<Page<Policy>>('/api/v1/policies', {
        query: { q: q || undefined, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
      }),
    `policies:${q}:${page}`,
    60000,
  );
  useEffect(() => {
    if (error) showError(error);
  }, [error, showError]);

  const columns: ColumnsType<Policy> = [
    {
      title: t('admin.policy.docNo'),
      dataIndex: 'docNo',
      width: 210,
      render: (v: string) => <Tag color="geekblue">{v}</Tag>,
    },
    {
      title: t('admin.policy.title'),
      key: 'title',
      render: (_, p) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{p.title}</Typography.Text>
          {p.topics.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.topics.join(' · ')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('admin.policy.drafter'),
      key: 'drafter',
      width: 200,
      render: (_, p) => p.drafterName ?? unitName(p.drafterCode, byCode, lang),
    },
    {
      title: t('admin.policy.issuedOn'),
      dataIndex: 'issuedOn',
      width: 100,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('admin.policy.serviceItems'),
      key: 'serviceItems',
      width: 240,
      render: (_, p) =>
        p.serviceItems.length ? (
          <Space direction="vertical" size={0}>
            {p.serviceItems.map((s) => (
              <a key={s.url} href={s.url} target="_blank" rel="noreferrer">
                {s.name}
              </a>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      key: 'edit',
      width: 70,
      render: (_, p) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} data-action="edit-policy">
          {t('admin.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <div className="page-title">
        <Space wrap>
          <Input.Search
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('admin.policy.searchHint')}
            style={{ width: 300 }}
            data-testid="policy-search"
          />
          <Typography.Text type="secondary">{t('admin.count', { n: data?.total ?? 0 })}</Typography.Text>
        </Space>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-action="new-policy"
        >
          {t('admin.policy.new')}
        </Button>
      </div>
      <Table<Policy>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={!data && !error}
        data-testid="policies"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
      />
      {editing && (
        <PolicyForm
          policy={editing === 'new' ? null : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            forgetCachedReferenceData();
            reload();
          }}
        />
      )}
    </Space>
  );
}

interface PolicyValues {
  docNo: string;
  title: string;
  drafterCode: string;
  issuedOn?: Dayjs | null;
  topics?: string[];
  serviceItems?: Partial<ServiceItem>[];
}

const POLICY_FIELDS = ['docNo', 'title', 'drafterCode', 'issuedOn', 'topics', 'serviceItems'] as const;

/** Registers or changes a policy; the API's refusals appear under the fields they name. */
function PolicyForm({
  policy,
  onClose,
  onSaved,
}: {
  policy: Policy | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { units } = useUnits();
  const [form] = Form.useForm<PolicyValues>();
  const [busy, setBusy] = useState(false);
  const save = async (v: PolicyValues) => {
    setBusy(true);
    const body = {
      docNo: v.docNo.trim(),
      title: v.title.trim(),
      drafterCode: v.drafterCode,
      issuedOn: v.issuedOn ? v.issuedOn.format('YYYY-MM-DD') : null,
      topics: v.topics ?? [],
      serviceItems: (v.serviceItems ?? [])
        .filter((s) => s.name?.trim() || s.url?.trim())
        .map((s) => ({ name: s.name?.trim() ?? '', url: s.url?.trim() ?? '' })),
    };
    try {
      const saved = policy
        ? await api<Policy>(`/api/v1/policies/${policy.id}`, { method: 'PUT', body })
        : await api<Policy>('/api/v1/policies', { method: 'POST', body });
      void message.success(t('admin.policy.saved', { docNo: saved.docNo }));
      onSaved();
    } catch (e) {
      if (!showFieldErrors(form, e, POLICY_FIELDS, ['serviceItems'])) showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={policy ? t('admin.policy.edit', { docNo: policy.docNo }) : t('admin.policy.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('admin.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy }}
      destroyOnHidden
      width={720}
    >
      <Form<PolicyValues>
        form={form}
        layout="vertical"
        data-testid="policy-form"
        initialValues={
          policy
            ? { ...policy, issuedOn: policy.issuedOn ? dayjs(policy.issuedOn) : null }
            : { topics: [], serviceItems: [] }
        }
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          name="docNo"
          label={t('admin.policy.docNo')}
          extra={t('admin.policy.docNoHint')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input placeholder="静府办发〔2026〕4号" data-testid="policy-docNo" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('admin.policy.title')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid="policy-title" />
        </Form.Item>
        <Space size={12} style={{ display: 'flex' }} align="start">
          <Form.Item
            name="drafterCode"
            label={t('admin.policy.drafter')}
            rules={[{ required: true, message: t('form.required') }]}
            style={{ width: 360 }}
          >
            <Select
              showSearch
              optionFilterProp="label"
              placeholder={t('admin.policy.drafterHint')}
              data-testid="policy-drafter"
              options={units.map((u) => ({
                value: u.code,
                label: `${lang === 'en' && u.nameEn ? u.nameEn : u.name} (${u.code})`,
              }))}
            />
          </Form.Item>
          <Form.Item name="issuedOn" label={t('admin.policy.issuedOn')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="topics" label={t('admin.policy.topics')} extra={t('admin.policy.topicsHint')}>
          <Select
            mode="tags"
            tokenSeparators={[',', '，', '、']}
            suffixIcon={null}
            data-testid="policy-topics"
          />
        </Form.Item>
        <Form.Item label={t('admin.policy.serviceItems')} extra={t('admin.policy.serviceItemsHint')}>
          <Form.List name="serviceItems">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }} data-testid="service-items">
                {fields.map((f) => (
                  <Space.Compact key={f.key} style={{ width: '100%' }} data-service-item={f.name}>
                    <Form.Item
                      name={[f.name, 'name']}
                      style={{ flex: 2, marginBottom: 0 }}
                      rules={[{ required: true, whitespace: true, message: t('form.required') }]}
                    >
                      <Input placeholder={t('admin.policy.serviceName')} data-testid="service-item-name" />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'url']}
                      style={{ flex: 3, marginBottom: 0 }}
                      rules={[
                        { required: true, whitespace: true, message: t('form.required') },
                        { type: 'url', message: t('cluster.serviceUrlInvalid') },
                      ]}
                    >
                      <Input placeholder="https://zwdt.sh.gov.cn/…" data-testid="service-item-url" />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t('admin.policy.removeService')}
                    />
                  </Space.Compact>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', url: '' })}
                  data-action="add-service-item"
                >
                  {t('admin.policy.addService')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}
