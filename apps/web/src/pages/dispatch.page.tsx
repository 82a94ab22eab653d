import { SendOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { listCases, useCaseDetails, useUnits } from '../api/hooks';
import { caseListRelevant, useLivePoll } from '../api/live';
import { DISPATCH_STATUSES } from '../api/page-requests';
import type { CaseDetail, CaseItem, Unit } from '../api/types';
import { formatTime } from '../cases/deadline';
import { runAction } from '../cases/run-action';
import { ChannelText, UnitSelect, unitName, UrgentTag } from '../components/case-bits';
import { useShowError } from '../components/errors';
import { useI18n } from '../i18n/i18n';
import { LiveTitle } from '../components/live-title';

/** After this many 退单 the next assignment is an arbitration (仲裁): no further return. */
const RETURNS_BEFORE_ARBITRATION = 2;

/**
 * `/dispatch` (派单): cases triage could not route confidently and cases returned by a unit, with
 * the classifier's reasons and top scores; pick a unit (the first choice is preselected) and press
 * Enter to assign.
 */
export default function DispatchPage() {
  const { t, lang } = useI18n();
  const showError = useShowError();
  const { units, byCode } = useUnits();
  const { data, error, reload, updatedAt, live } = useLivePoll(
    () => listCases(DISPATCH_STATUSES, {}),
    'dispatch',
    caseListRelevant(DISPATCH_STATUSES),
  );
  useEffect(() => {
    if (error) showError(error);
  }, [error, showError]);
  const rows = useMemo(
    () =>
      [...(data?.items ?? [])].sort(
        (a, b) =>
          (a.urgency === 'urgent' ? 0 : 1) - (b.urgency === 'urgent' ? 0 : 1) ||
          Date.parse(a.receivedAt) - Date.parse(b.receivedAt),
      ),
    [data],
  );
  const details = useCaseDetails(rows);

  const columns: ColumnsType<CaseItem> = [
    {
      title: t('field.title'),
      dataIndex: 'title',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Space size={4}>
            <UrgentTag urgency={c.urgency} />
            {c.returnCount >= RETURNS_BEFORE_ARBITRATION && (
              <Tag color="gold">{t('dispatch.arbitration')}</Tag>
            )}
            <Link to={`/cases/${c.id}`}>
              <Typography.Text strong>{c.title ?? c.content.slice(0, 30)}</Typography.Text>
            </Link>
          </Space>
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 2, tooltip: c.content }}
            style={{ margin: 0 }}
          >
            {c.content}
          </Typography.Paragraph>
        </Space>
      ),
    },
    {
      title: t('field.channel'),
      dataIndex: 'channel',
      width: 100,
      render: (_, c) => <ChannelText channel={c.channel} />,
    },
    {
      title: t('field.receivedAt'),
      dataIndex: 'receivedAt',
      width: 124,
      render: (v: string) => formatTime(v),
    },
    { title: t('field.returnCount'), dataIndex: 'returnCount', width: 60, align: 'center' },
    {
      title: t('field.routing'),
      key: 'routing',
      width: 300,
      render: (_, c) => <RoutingSummary detail={details.get(c.id)} byCode={byCode} lang={lang} />,
    },
    {
      title: t('action.assign'),
      key: 'assign',
      width: 290,
      render: (_, c) => (
        <AssignCell
          c={c}
          units={units}
          suggested={details.get(c.id)?.routing?.reasons?.scores?.[0]?.label}
          onAssigned={reload}
        />
      ),
    },
  ];

  return (
    <div>
      <div className="page-title">
        <LiveTitle title={t('dispatch.title')} updatedAt={updatedAt} live={live} />
        <Typography.Text type="secondary">{t('dispatch.hint')}</Typography.Text>
      </div>
      <Table<CaseItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={!data && !error}
        sticky
        locale={{ emptyText: t('dispatch.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(c) => ({ 'data-case-id': c.id }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}

function RoutingSummary({
  detail,
  byCode,
  lang,
}: {
  detail: CaseDetail | undefined;
  byCode: Map<string, Unit>;
  lang: 'zh' | 'en';
}) {
  const reasons = detail?.routing?.reasons;
  if (!reasons) return <Typography.Text type="secondary">…</Typography.Text>;
  return (
    <Space direction="vertical" size={2}>
      {reasons.explanation && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {reasons.explanation}
        </Typography.Text>
      )}
      <Space size={2} wrap>
        {(reasons.scores ?? []).slice(0, 3).map((s) => (
          <Tag key={s.label} color={s.p >= 0.4 ? 'blue' : 'default'}>
            {unitName(s.label, byCode, lang)} {(s.p * 100).toFixed(0)}%
          </Tag>
        ))}
      </Space>
      {reasons.terms && reasons.terms.length > 0 && (
        <Tooltip title={reasons.terms.join(' · ')}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {reasons.terms.slice(0, 6).join(' · ')}
          </Typography.Text>
        </Tooltip>
      )}
    </Space>
  );
}

/** A unit select: Enter on the closed select (or the button) assigns. */
function AssignCell({
  c,
  units,
  suggested,
  onAssigned,
}: {
  c: CaseItem;
  units: Unit[];
  suggested: string | undefined;
  onAssigned: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [picked, setPicked] = useState<string>();
  const [busy, setBusy] = useState(false);
  const dropdownOpen = useRef(false);
  const value = picked ?? (suggested && units.some((u) => u.code === suggested) ? suggested : undefined);

  const assign = async () => {
    if (!value || busy) return;
    setBusy(true);
    try {
      await runAction(c.id, 'assign', { departmentCode: value });
      const u = units.find((x) => x.code === value);
      void message.success(
        t('dispatch.assigned', { unit: u ? (lang === 'en' && u.nameEn ? u.nameEn : u.name) : value }),
      );
      onAssigned();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    // Capture phase: seen before the select handles the key, so an Enter that picks an option in the
    // open list only picks it, and the next Enter (list closed) assigns.
    <Space.Compact
      style={{ width: '100%' }}
      onKeyDownCapture={(e) => {
        if (e.key === 'Enter' && !dropdownOpen.current && value) {
          e.preventDefault();
          e.stopPropagation();
          void assign();
        }
      }}
    >
      <UnitSelect
        units={units}
        style={{ width: 220 }}
        value={value}
        placeholder={t('form.unit')}
        onChange={(v: string) => setPicked(v)}
        onOpenChange={(open) => {
          dropdownOpen.current = open;
        }}
        data-testid="dispatch-unit"
      />
      <Button
        type="primary"
        icon={<SendOutlined />}
        loading={busy}
        disabled={!value}
        onClick={() => void assign()}
      >
        {t('action.assign')}
      </Button>
    </Space.Compact>
  );
}
