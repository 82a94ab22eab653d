import { Input, InputNumber, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { usePoll } from '../api/hooks';
import { type Channel, type ClusterItem, type Page } from '../api/types';
import { formatTime } from '../cases/deadline';
import { useShowError } from '../components/errors';
import { useI18n } from '../i18n/i18n';
import { LiveTitle } from '../components/live-title';

const PAGE_SIZE = 20;

/**
 * `/clusters` (共性问题): the recurring questions across channels, largest or latest first, with
 * their key terms, channels and whether a shared answer is published; filters kept in the address.
 * Staff and leads see the questions their unit was asked, counted in their unit.
 */
export default function ClustersPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const showError = useShowError();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = params.get('sort') === 'recent' ? 'recent' : 'size';
  const minMembers = Number(params.get('minMembers') ?? 2) || 1;
  const page = Number(params.get('page') ?? 1) || 1;
  const [text, setText] = useState(q);

  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    const id = setTimeout(() => text !== q && set({ q: text.trim() || undefined, page: undefined }), 300);
    return () => clearTimeout(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `set` is recreated each render
  }, [text, q]);

  const { data, error, updatedAt } = usePoll(
    () =>
      api<Page<ClusterItem>>('/api/v1/clusters', {
        query: { q, sort, minMembers, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
      }),
    JSON.stringify([q, sort, minMembers, page]),
    15000,
  );
  useEffect(() => {
    if (error) showError(error);
  }, [error, showError]);

  const columns: ColumnsType<ClusterItem> = [
    {
      title: t('cluster.question'),
      key: 'title',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Link to={`/clusters/${c.id}`} onClick={(e) => e.stopPropagation()}>
            {c.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.keyTerms.slice(0, 6).join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('cluster.members'),
      key: 'members',
      width: 90,
      align: 'right',
      render: (_, c) =>
        c.inScope === c.memberCount ? (
          c.memberCount
        ) : (
          <span title={t('cluster.inScopeHint')}>
            {c.inScope} / {c.memberCount}
          </span>
        ),
    },
    {
      title: t('field.channel'),
      key: 'channels',
      width: 260,
      render: (_, c) => (
        <Space size={[2, 2]} wrap>
          {Object.entries(c.channels ?? {}).map(([ch, n]) => (
            <Tag key={ch} style={{ marginInlineEnd: 0 }}>
              {t(`channel.${ch as Channel}`)} {n}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('analytics.sharedAnswer'),
      key: 'answered',
      width: 110,
      render: (_, c) =>
        c.answered ? (
          <Tag color="green">{t('analytics.answered')}</Tag>
        ) : (
          <Typography.Text>—</Typography.Text>
        ),
    },
    { title: t('cluster.firstAt'), dataIndex: 'firstAt', width: 130, render: (v: string) => formatTime(v) },
    { title: t('cluster.lastAt'), dataIndex: 'lastAt', width: 130, render: (v: string) => formatTime(v) },
  ];

  return (
    <div>
      <div className="page-title">
        <LiveTitle title={t('cluster.listTitle')} updatedAt={updatedAt} />
        <Space wrap>
          <Input.Search
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('cluster.searchHint')}
            style={{ width: 240 }}
            data-testid="cluster-search"
          />
          <Segmented<'size' | 'recent'>
            value={sort}
            onChange={(v) => set({ sort: v === 'size' ? undefined : v, page: undefined })}
            options={[
              { value: 'size', label: t('cluster.sort.size') },
              { value: 'recent', label: t('cluster.sort.recent') },
            ]}
          />
          <Space size={4}>
            <Typography.Text type="secondary">{t('cluster.minMembers')}</Typography.Text>
            <InputNumber
              min={1}
              max={100}
              value={minMembers}
              style={{ width: 64 }}
              onChange={(v) => set({ minMembers: v && v !== 2 ? String(v) : undefined, page: undefined })}
            />
          </Space>
        </Space>
      </div>
      <Table<ClusterItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={!data && !error}
        locale={{ emptyText: t('cluster.empty') }}
        rowClassName="clickable-row"
        onRow={(c) => ({ onClick: () => void navigate(`/clusters/${c.id}`) })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: (p) => set({ page: p > 1 ? String(p) : undefined }),
        }}
      />
    </div>
  );
}
