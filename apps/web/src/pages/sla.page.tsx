import { DownloadOutlined } from '@ant-design/icons';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Popconfirm,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, download } from '../api/client';
import { listCases, useCaseDetails, useNow, usePoll, useUnits } from '../api/hooks';
import { caseListRelevant, useLivePoll } from '../api/live';
import { slaMetricsQuery, slaWatchFilters } from '../api/page-requests';
import {
  type CaseItem,
  type DrillMeasure,
  type MetricsCaseRow,
  type MetricsGroup,
  type MetricsReport,
  OPEN_STATUSES,
  type Page,
  type Rate,
  type RateMeasure,
} from '../api/types';
import { useSession } from '../auth/session.store';
import { deadlineState, formatTime, formatTimeSeconds } from '../cases/deadline';
import { runAction } from '../cases/run-action';
import { mayTake } from '../cases/workflow-actions';
import type { BarChartOption } from '../components/bar-chart';
import { Chart } from '../components/chart';
import { DeadlineCountdown, StatusTag, unitName } from '../components/case-bits';
import { useFirstRows } from '../components/first-rows';
import { useShowError } from '../components/errors';
import { LiveBadge } from '../components/live-title';
import { useI18n } from '../i18n/i18n';

const RATE_KEYS: Record<RateMeasure, 'response' | 'onTime' | 'resolution' | 'satisfaction'> = {
  response: 'response',
  'on-time': 'onTime',
  resolution: 'resolution',
  satisfaction: 'satisfaction',
};

interface Drill {
  measure: DrillMeasure;
  department: string;
  label: string;
}

/**
 * `/sla` (督办看板): open cases breached or at risk, live, with 督办 and 催办; the 三率 (and 按期办结率)
 * per department as a table and a bar chart, each number drilling down to its cases; the
 * annual-report workbook.
 */
export default function SlaPage() {
  const { t, lang } = useI18n();
  const showError = useShowError();
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>(null);
  const [drill, setDrill] = useState<Drill>();
  const range = period ? { from: period[0].format('YYYY-MM-DD'), to: period[1].format('YYYY-MM-DD') } : {};

  const metrics = usePoll(
    () => api<MetricsReport>('/api/v1/metrics', { query: slaMetricsQuery(range) }),
    `metrics:${range.from}:${range.to}`,
    30000,
  );
  useEffect(() => {
    if (metrics.error) showError(metrics.error);
  }, [metrics.error, showError]);
  const groups = metrics.data?.groups ?? [];
  const [exporting, setExporting] = useState(false);

  const rateName = (m: RateMeasure) => t(`measure.${m}`);
  const chart = useMemo<BarChartOption>(() => {
    const named = groups.filter((g) => g.key);
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`),
      },
      legend: { top: 0 },
      grid: { left: 40, right: 12, top: 32, bottom: 90 },
      xAxis: {
        type: 'category',
        data: named.map((g) => g.label),
        axisLabel: { rotate: 35, interval: 0, fontSize: 11 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: (['response', 'on-time', 'resolution', 'satisfaction'] as const).map((m) => ({
        type: 'bar' as const,
        name: rateName(m),
        barMaxWidth: 18,
        data: named.map((g) => {
          const r = g[RATE_KEYS[m]].rate;
          return r === null ? null : Math.round(r * 1000) / 10;
        }),
      })),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rateName follows `lang`
  }, [groups, lang]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await download('/api/v1/metrics/export.xlsx', range, 'metrics.xlsx');
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  // Native buttons styled as links: the table holds some three hundred of them, and antd's Button
  // per cell was a large part of the board's first render.
  const rateCell = (measure: RateMeasure) => (r: Rate, g: MetricsGroup) => (
    <button
      type="button"
      className="link-cell"
      disabled={!g.key || r.denominator === 0}
      onClick={() => g.key && setDrill({ measure, department: g.key, label: g.label })}
      data-measure={measure}
      data-unit={g.key ?? ''}
    >
      {r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`}
      <span className="link-cell-count">
        {r.numerator}/{r.denominator}
      </span>
    </button>
  );
  const countCell = (measure: DrillMeasure) => (n: number, g: MetricsGroup) =>
    n > 0 && g.key ? (
      <button
        type="button"
        className={measure === 'overdue' || measure === 'breached' ? 'link-cell danger' : 'link-cell'}
        onClick={() => setDrill({ measure, department: g.key!, label: g.label })}
        data-measure={measure}
        data-unit={g.key}
      >
        {n}
      </button>
    ) : (
      n
    );
  const columns: ColumnsType<MetricsGroup> = [
    { title: t('field.department'), dataIndex: 'label', ellipsis: true, width: 200 },
    {
      title: t('measure.received'),
      dataIndex: 'received',
      width: 70,
      align: 'right',
      render: countCell('received'),
    },
    { title: t('measure.response'), dataIndex: 'response', width: 110, render: rateCell('response') },
    { title: t('measure.on-time'), dataIndex: 'onTime', width: 110, render: rateCell('on-time') },
    { title: t('measure.resolution'), dataIndex: 'resolution', width: 110, render: rateCell('resolution') },
    {
      title: t('measure.satisfaction'),
      dataIndex: 'satisfaction',
      width: 110,
      render: rateCell('satisfaction'),
    },
    { title: t('measure.open'), dataIndex: 'open', width: 70, align: 'right', render: countCell('open') },
    {
      title: t('measure.overdue'),
      dataIndex: 'overdue',
      width: 80,
      align: 'right',
      render: countCell('overdue'),
    },
    {
      title: t('measure.breached'),
      dataIndex: 'breached',
      width: 70,
      align: 'right',
      render: countCell('breached'),
    },
    {
      title: t('measure.avgHandlingHours'),
      dataIndex: 'avgHandlingHours',
      width: 110,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
    },
  ];
  const total = metrics.data?.total;
  // The departments that fit below the watch list first, the rest right after.
  const shownGroups = useFirstRows(groups, 15);

  return (
    <div>
      <div className="page-title">
        <Space align="center">
          <Typography.Title level={4}>{t('sla.title')}</Typography.Title>
          <Badge status="processing" text={t('queue.live')} />
        </Space>
        <Space>
          <Typography.Text type="secondary">{t('sla.period')}</Typography.Text>
          <DatePicker.RangePicker
            value={period}
            onChange={(v) => setPeriod(v && v[0] && v[1] ? [v[0], v[1]] : null)}
          />
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportXlsx()}
            data-testid="export"
          >
            {t('sla.export')}
          </Button>
        </Space>
      </div>
      <WatchList />
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col xs={24} xxl={14}>
          <Card size="small" title={t('sla.rates')} data-testid="rates">
            <Table<MetricsGroup>
              rowKey={(g) => g.key ?? '-'}
              size="small"
              columns={columns}
              dataSource={shownGroups}
              loading={!metrics.data && !metrics.error}
              pagination={false}
              scroll={{ x: 1000 }}
              summary={() =>
                total && (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <Typography.Text strong>{t('measure.total')}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      {total.received}
                    </Table.Summary.Cell>
                    {(['response', 'onTime', 'resolution', 'satisfaction'] as const).map((k, i) => (
                      <Table.Summary.Cell key={k} index={2 + i}>
                        {total[k].rate === null ? '—' : `${(total[k].rate * 100).toFixed(1)}%`}
                      </Table.Summary.Cell>
                    ))}
                    <Table.Summary.Cell index={6} align="right">
                      {total.open}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={7} align="right">
                      {total.overdue}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={8} align="right">
                      {total.breached}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={9} align="right">
                      {total.avgHandlingHours === null ? '—' : total.avgHandlingHours.toFixed(1)}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )
              }
            />
          </Card>
        </Col>
        <Col xs={24} xxl={10}>
          <Card size="small" title={t('sla.chart')}>
            <Chart
              option={chart}
              height={280}
              onBarClick={(series, index) => {
                const g = groups.filter((x) => x.key)[index];
                const m = (['response', 'on-time', 'resolution', 'satisfaction'] as const)[series];
                if (g?.key && m) setDrill({ measure: m, department: g.key, label: g.label });
              }}
            />
          </Card>
        </Col>
      </Row>
      {drill && <DrillDrawer drill={drill} range={range} onClose={() => setDrill(undefined)} lang={lang} />}
    </div>
  );
}

/** Open cases past their warning time or their deadline, refreshed every few seconds. */
function WatchList() {
  const { t, lang } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const { byCode } = useUnits();
  const now = useNow();
  const { data, error, reload, updatedAt, live } = useLivePoll(
    () => listCases(OPEN_STATUSES, slaWatchFilters()),
    'sla-watch',
    caseListRelevant(OPEN_STATUSES),
  );
  useEffect(() => {
    if (error) showError(error);
  }, [error, showError]);
  const items = useMemo(() => data?.items ?? [], [data]);
  // List items carry warnAt; only an API without it makes the page read the cases one by one.
  const withoutWarnAt = useMemo(
    () => items.filter((c) => c.dueAt && Date.parse(c.dueAt) > Date.now() && c.warnAt === undefined),
    [items],
  );
  const details = useCaseDetails(withoutWarnAt, 200);
  const warnAt = (c: CaseItem) => c.warnAt ?? details.get(c.id)?.deadlines.warnAt;
  const rows = items
    .map((c) => ({ c, state: deadlineState(c, warnAt(c), now) }))
    .filter((r) => r.state === 'breached' || r.state === 'at-risk')
    .sort((a, b) => Date.parse(a.c.dueAt!) - Date.parse(b.c.dueAt!));
  const breached = rows.filter((r) => r.state === 'breached').length;

  const act = async (c: CaseItem, action: 'supervise' | 'remind') => {
    try {
      await runAction(c.id, action);
      void message.success(t(action === 'supervise' ? 'sla.done.supervise' : 'sla.done.remind'));
      reload();
    } catch (e) {
      showError(e);
    }
  };
  const user = session?.user;
  const columns: ColumnsType<{ c: CaseItem }> = [
    {
      title: t('field.title'),
      key: 'title',
      ellipsis: true,
      render: (_, { c }) => (
        <Space size={4}>
          {c.supervised && <Tag color="volcano">{t('field.supervised')}</Tag>}
          <Link to={`/cases/${c.id}`}>{c.title ?? c.content.slice(0, 30)}</Link>
        </Space>
      ),
    },
    {
      title: t('field.department'),
      key: 'unit',
      width: 190,
      ellipsis: true,
      render: (_, { c }) => unitName(c.departmentCode, byCode, lang),
    },
    {
      title: t('field.status'),
      key: 'status',
      width: 104,
      render: (_, { c }) => <StatusTag status={c.status} />,
    },
    { title: t('field.dueAt'), key: 'due', width: 128, render: (_, { c }) => formatTime(c.dueAt) },
    {
      title: t('field.timeLeft'),
      key: 'left',
      width: 170,
      render: (_, { c }) => (
        <DeadlineCountdown status={c.status} dueAt={c.dueAt} warnAt={warnAt(c)} now={now} />
      ),
    },
    {
      title: t('case.actions'),
      key: 'actions',
      width: 150,
      render: (_, { c }) =>
        user && (
          <Space size={4}>
            {mayTake('supervise', c) && !c.supervised && (
              <Popconfirm title={t('action.supervise')} onConfirm={() => act(c, 'supervise')}>
                <Button size="small" danger data-action="supervise">
                  {t('action.supervise')}
                </Button>
              </Popconfirm>
            )}
            {mayTake('remind', c) && (
              <Popconfirm title={t('action.remind')} onConfirm={() => act(c, 'remind')}>
                <Button size="small" data-action="remind">
                  {t('action.remind')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];

  return (
    <Row gutter={12}>
      <Col xs={24} lg={5}>
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <Card size="small">
            <Statistic title={t('sla.breached')} value={breached} valueStyle={{ color: '#cf1322' }} />
          </Card>
          <Card size="small">
            <Statistic
              title={t('sla.atRisk')}
              value={rows.length - breached}
              valueStyle={{ color: '#d46b08' }}
            />
          </Card>
          <Space size={4}>
            <LiveBadge live={live} />
            <Typography.Text type="secondary">
              {updatedAt
                ? t('common.updatedAt', { time: formatTimeSeconds(updatedAt).slice(11) })
                : t('common.loading')}
            </Typography.Text>
          </Space>
        </Space>
      </Col>
      <Col xs={24} lg={19}>
        <Card size="small" title={t('sla.watch')} data-testid="watch">
          <Table<{ c: CaseItem }>
            rowKey={(r) => r.c.id}
            size="small"
            columns={columns}
            dataSource={rows}
            loading={!data && !error}
            locale={{ emptyText: t('sla.noWatch') }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            onRow={(r) => ({ onDoubleClick: () => void navigate(`/cases/${r.c.id}`) })}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** The cases behind one number: GET /api/v1/metrics/cases?measure=…&outcome=…&department=…. */
function DrillDrawer({
  drill,
  range,
  onClose,
  lang,
}: {
  drill: Drill;
  range: { from?: string; to?: string };
  onClose: () => void;
  lang: 'zh' | 'en';
}) {
  const { t } = useI18n();
  const { byCode } = useUnits();
  const isRate = (['response', 'on-time', 'resolution', 'satisfaction'] as string[]).includes(drill.measure);
  const [outcome, setOutcome] = useState<'met' | 'missed'>('missed');
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const { data, error } = usePoll(
    () =>
      api<Page<MetricsCaseRow>>('/api/v1/metrics/cases', {
        query: {
          measure: drill.measure,
          outcome: isRate ? outcome : undefined,
          department: drill.department,
          offset: (page - 1) * pageSize,
          limit: pageSize,
          ...range,
        },
      }),
    JSON.stringify([drill, outcome, page, range]),
    30000,
  );
  const columns: ColumnsType<MetricsCaseRow> = [
    {
      title: t('field.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (v: string | null, r) => <Link to={`/cases/${r.id}`}>{v ?? r.id.slice(0, 8)}</Link>,
    },
    {
      title: t('field.status'),
      dataIndex: 'status',
      width: 104,
      render: (_, r) => <StatusTag status={r.status} />,
    },
    {
      title: t('field.receivedAt'),
      dataIndex: 'receivedAt',
      width: 124,
      render: (v: string) => formatTime(v),
    },
    { title: t('field.dueAt'), dataIndex: 'dueAt', width: 124, render: (v: string | null) => formatTime(v) },
  ];
  return (
    <Drawer
      open
      width={760}
      onClose={onClose}
      title={t('sla.drill', {
        measure: t(`measure.${drill.measure}`),
        unit: unitName(drill.department, byCode, lang) || drill.label,
      })}
      extra={
        isRate && (
          <Segmented<'met' | 'missed'>
            value={outcome}
            onChange={(v) => {
              setOutcome(v);
              setPage(1);
            }}
            options={[
              { value: 'missed', label: t('sla.drill.missed') },
              { value: 'met', label: t('sla.drill.met') },
            ]}
          />
        )
      }
    >
      <Table<MetricsCaseRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={!data && !error}
        data-testid="drill"
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
      />
    </Drawer>
  );
}
