import { Input, type InputRef, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { listCases, useCaseDetails, useNow, useUnits } from '../api/hooks';
import { caseListRelevant, useLivePoll } from '../api/live';
import { queueList } from '../api/page-requests';
import { CASE_STATUSES, CHANNELS, type CaseItem, MESSAGE_KINDS, OPEN_STATUSES } from '../api/types';
import { useSession } from '../auth/session.store';
import { byUrgencyAndTimeLeft, deadlineState, formatTime } from '../cases/deadline';
import {
  ChannelText,
  DeadlineCountdown,
  KindText,
  StatusTag,
  unitName,
  UnitSelect,
  UrgentTag,
} from '../components/case-bits';
import { useShowError } from '../components/errors';
import { useFirstRows } from '../components/first-rows';
import { HoverTip } from '../components/hover-tip';
import { useI18n } from '../i18n/i18n';
import { LiveTitle } from '../components/live-title';
import { SavedViews } from '../components/saved-views';

/**
 * `/queue`: the caller's cases (the API scopes staff and leads to their unit), most urgent and
 * least time left first, with live countdowns, filters kept in the address, refreshed every few
 * seconds. A row (click or Enter) opens the case.
 */
export default function QueuePage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const showError = useShowError();
  const { units, byCode } = useUnits();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const role = session?.user.role;
  const unitRole = role === 'staff' || role === 'lead';

  const status = params.get('status') ?? 'open';
  const channel = params.get('channel') ?? undefined;
  const kind = params.get('kind') ?? undefined;
  const street = params.get('street') ?? undefined;
  const department = params.get('department') ?? undefined;
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const search = useRef<InputRef>(null);

  const set = (name: string, value: string | undefined) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  // Typing filters after a short pause; "/" jumps to the search box.
  useEffect(() => {
    const id = setTimeout(() => text !== q && set('q', text.trim() || undefined), 300);
    return () => clearTimeout(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `set` is recreated each render
  }, [text, q]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === '/' && !['INPUT', 'TEXTAREA'].includes(target.tagName) && !target.isContentEditable) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const { statuses, filters } = queueList(role, params);
  const key = JSON.stringify([statuses, filters]);
  const { data, error, updatedAt, live } = useLivePoll(
    () => listCases(statuses, filters),
    key,
    caseListRelevant(statuses),
  );
  useEffect(() => {
    if (error) showError(error);
  }, [error, showError]);

  const rows = useMemo(
    () =>
      (data?.items ?? [])
        .filter((c) => (!kind || c.kind === kind) && (!street || c.street === street))
        .sort(byUrgencyAndTimeLeft),
    [data, kind, street],
  );
  const streets = useMemo(
    () =>
      [...new Set((data?.items ?? []).map((c) => c.street).filter((s): s is string => Boolean(s)))].sort(),
    [data],
  );
  const details = useCaseDetails(
    rows.filter((c) => OPEN_STATUSES.includes(c.status) && c.dueAt && c.warnAt === undefined),
  );
  const warnAt = (c: CaseItem) => c.warnAt ?? details.get(c.id)?.deadlines.warnAt;
  const counts = useMemo(() => {
    let breached = 0;
    let atRisk = 0;
    for (const c of rows) {
      const s = deadlineState(c, c.warnAt ?? details.get(c.id)?.deadlines.warnAt, now);
      if (s === 'breached') breached++;
      if (s === 'at-risk') atRisk++;
    }
    return { breached, atRisk };
  }, [rows, details, now]);

  const columns: ColumnsType<CaseItem> = [
    {
      title: t('field.title'),
      dataIndex: 'title',
      ellipsis: true,
      // Plain elements and a tooltip made on hover: fifty rows of components were a large part of the first render.
      render: (_, c) => (
        <span className="cell-line">
          <UrgentTag urgency={c.urgency} />
          {c.supervised && <Tag color="volcano">{t('field.supervised')}</Tag>}
          <HoverTip title={c.content} placement="topLeft" delay={0.6}>
            <strong>{c.title ?? c.content.slice(0, 40)}</strong>
          </HoverTip>
        </span>
      ),
    },
    {
      title: t('field.channel'),
      dataIndex: 'channel',
      width: 110,
      render: (_, c) => <ChannelText channel={c.channel} />,
    },
    { title: t('field.kind'), dataIndex: 'kind', width: 64, render: (_, c) => <KindText kind={c.kind} /> },
    {
      title: t('field.street'),
      dataIndex: 'street',
      width: 110,
      ellipsis: true,
      render: (s: string | null) => s ?? '—',
    },
    ...(unitRole
      ? []
      : [
          {
            title: t('field.department'),
            dataIndex: 'departmentCode',
            width: 170,
            ellipsis: true,
            render: (code: string | null) => unitName(code, byCode, lang),
          },
        ]),
    {
      title: t('field.status'),
      dataIndex: 'status',
      width: 104,
      render: (_, c) => <StatusTag status={c.status} />,
    },
    {
      title: t('field.receivedAt'),
      dataIndex: 'receivedAt',
      width: 128,
      render: (v: string) => formatTime(v),
    },
    {
      title: t('field.timeLeft'),
      dataIndex: 'dueAt',
      width: 170,
      render: (_, c) => <DeadlineCountdown status={c.status} dueAt={c.dueAt} warnAt={warnAt(c)} now={now} />,
    },
  ];

  // What fits on a laptop screen first, the rest of the page of fifty right after.
  const shownRows = useFirstRows(rows, 30);
  const open = (c: CaseItem) => void navigate(`/cases/${c.id}`);
  return (
    <div>
      <div className="page-title">
        <LiveTitle
          title={unitRole ? t('queue.title') : t('queue.titleAll')}
          updatedAt={updatedAt}
          live={live}
        />
        <Space>
          <Tag color="red">
            {t('deadline.breached')} {counts.breached}
          </Tag>
          <Tag color="orange">
            {t('deadline.atRisk')} {counts.atRisk}
          </Tag>
          <Typography.Text type="secondary">{t('common.total', { n: rows.length })}</Typography.Text>
        </Space>
      </div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          style={{ width: 130 }}
          value={status}
          onChange={(v) => set('status', v === 'open' ? undefined : v)}
          aria-label={t('field.status')}
          options={[
            { value: 'open', label: t('status.open') },
            { value: 'all', label: t('common.all') },
            ...CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        <Select
          style={{ width: 130 }}
          allowClear
          placeholder={t('field.channel')}
          value={channel}
          onChange={(v?: string) => set('channel', v)}
          options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <Select
          style={{ width: 100 }}
          allowClear
          placeholder={t('field.kind')}
          value={kind}
          onChange={(v?: string) => set('kind', v)}
          options={MESSAGE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <Select
          style={{ width: 140 }}
          allowClear
          showSearch
          placeholder={t('field.street')}
          value={street}
          onChange={(v?: string) => set('street', v)}
          options={streets.map((s) => ({ value: s, label: s }))}
        />
        {!unitRole && (
          <UnitSelect
            units={units}
            style={{ width: 200 }}
            allowClear
            placeholder={t('field.department')}
            value={department}
            onChange={(v?: string) => set('department', v)}
          />
        )}
        <Input
          ref={search}
          style={{ width: 260 }}
          allowClear
          placeholder={t('queue.searchHint')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="queue-search"
        />
        <SavedViews
          page="queue"
          query={params.toString()}
          onApply={(query) => {
            setText(new URLSearchParams(query).get('q') ?? '');
            setParams(new URLSearchParams(query));
          }}
        />
      </Space>
      <Table<CaseItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={shownRows}
        loading={!data && !error}
        sticky
        locale={{ emptyText: t('queue.empty') }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        rowClassName={() => 'clickable-row'}
        onRow={(c) => ({
          tabIndex: 0,
          onClick: () => open(c),
          onKeyDown: (e) => {
            if (e.key === 'Enter') open(c);
          },
          'data-case-id': c.id,
        })}
      />
    </div>
  );
}
