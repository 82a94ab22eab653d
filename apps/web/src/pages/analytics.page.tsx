import { DownloadOutlined, InfoCircleOutlined, RiseOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Popover,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, download } from '../api/client';
import { type Polled, usePoll, useUnits } from '../api/hooks';
import {
  ANALYTICS_START,
  chinaDate,
  hotTopicsQuery,
  monthlyQuestionsQuery,
  streetVolumeQuery,
  volumeFrom,
  volumeQuery,
} from '../api/page-requests';
import {
  type ChannelCount,
  CHANNELS,
  type Definition,
  type HotTerm,
  type HotTopic,
  type HotTopicsReport,
  type MonthlyQuestion,
  type MonthlyQuestionsReport,
  type Period,
  type Unit,
  VOLUME_GROUPINGS,
  type VolumeGrouping,
  type VolumeReport,
} from '../api/types';
import { useSession } from '../auth/session.store';
import { formatTime, formatTimeSeconds } from '../cases/deadline';
import { unitName, UnitSelect } from '../components/case-bits';
import { useShowError } from '../components/errors';
import { Sparkline } from '../components/sparkline';
import { Chart } from '../components/chart';
import { HoverTip } from '../components/hover-tip';
import { WhenNear } from '../components/when-near';
import type { TrendChartOption } from '../components/trend-charts';
import { type I18n, useI18n } from '../i18n/i18n';

/** Groups drawn one by one in the volume chart; the rest are summed as "others". */
const VOLUME_SERIES = 8;
const VOLUME_SPANS = [12, 26, 52] as const;
type VolumeSpan = (typeof VOLUME_SPANS)[number];

/** `MM-DD–MM-DD` of a period `[from, to)`. */
const periodLabel = (p: Period) => `${p.from.slice(5, 10)}–${chinaDate(Date.parse(p.to) - 1).slice(5, 10)}`;

/**
 * `/analytics` (热点分析): recurring questions rising against their own baseline with their trend, the
 * rising terms, 每月一题 with the effect of the shared answer, case volume over time by channel, unit or
 * street and a treemap of the streets, and the month's workbook. Staff and leads see their own unit's
 * cases (the API scopes them); the district roles may narrow by unit and channel.
 */
export default function AnalyticsPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const showError = useShowError();
  const { message } = App.useApp();
  const { units, byCode } = useUnits();
  const unitRole = session?.user.role === 'staff' || session?.user.role === 'lead';
  const [span, setSpan] = useState(ANALYTICS_START.window);
  const [month, setMonth] = useState<Dayjs>(() => dayjs(chinaDate(Date.now())));
  const [channel, setChannel] = useState<string>();
  const [department, setDepartment] = useState<string>();
  const [exporting, setExporting] = useState(false);
  const filters = { channel, department };
  const monthText = month.format('YYYY-MM');
  const hot = useHotTopics(span, filters);

  const exportXlsx = async () => {
    setExporting(true);
    const key = 'analytics-export';
    void message.loading({ content: t('analytics.exporting'), key, duration: 0 });
    try {
      await download(
        '/api/v1/analytics/export.xlsx',
        { month: monthText, ...filters },
        `analytics-${monthText}.xlsx`,
      );
      void message.success({ content: t('analytics.exported'), key });
    } catch (e) {
      message.destroy(key);
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div data-testid="analytics-page">
      <div className="page-title">
        <Space align="center">
          <Typography.Title level={4}>{t('analytics.title')}</Typography.Title>
          {unitRole && session?.user.departmentCode && (
            <Tag color="blue">
              {t('analytics.ownUnit', { unit: unitName(session.user.departmentCode, byCode, lang) })}
            </Tag>
          )}
        </Space>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('field.channel')}
            style={{ width: 130 }}
            value={channel}
            onChange={setChannel}
            options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          />
          {!unitRole && (
            <span data-testid="analytics-unit">
              <UnitSelect
                units={units}
                allowClear
                placeholder={t('field.department')}
                style={{ width: 200 }}
                value={department}
                onChange={setDepartment}
              />
            </span>
          )}
          <DatePicker
            picker="month"
            allowClear={false}
            value={month}
            onChange={(v) => v && setMonth(v)}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          />
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportXlsx()}
            data-testid="analytics-export"
          >
            {t('analytics.export')}
          </Button>
        </Space>
      </div>
      <Row gutter={[12, 12]}>
        <Col xs={24} xxl={17} xl={16}>
          <HotTopics hot={hot} span={span} setSpan={setSpan} />
        </Col>
        <Col xs={24} xxl={7} xl={8}>
          <RisingTerms terms={hot.data?.terms} />
        </Col>
        <Volume filters={filters} />
        <Col xs={24}>
          {/* Below the charts: made when scrolled near, not before the page's first view. */}
          <WhenNear minHeight={320}>
            <MonthlyQuestions month={monthText} filters={filters} />
          </WhenNear>
        </Col>
      </Row>
    </div>
  );
}

type Filters = { channel?: string; department?: string };

/** The hot topics and rising terms of a 7- or 30-day window (one request for the table and the cloud). */
function useHotTopics(span: 'week' | 'month', filters: Filters): Polled<HotTopicsReport> {
  const showError = useShowError();
  const polled = usePoll(
    () =>
      api<HotTopicsReport>('/api/v1/analytics/hot-topics', {
        query: hotTopicsQuery(span, filters),
      }),
    `hot:${span}:${filters.channel}:${filters.department}`,
    60000,
  );
  useEffect(() => {
    if (polled.error) showError(polled.error);
  }, [polled.error, showError]);
  return polled;
}

/** How the numbers are counted, from the answer's own `definitions`. */
function DefinitionsHint({ definitions }: { definitions: Record<string, Definition> | undefined }) {
  const { t, lang } = useI18n();
  if (!definitions) return null;
  return (
    <Popover
      title={t('analytics.definitions')}
      content={
        <div style={{ maxWidth: 460 }}>
          {Object.entries(definitions).map(([k, d]) => (
            <Typography.Paragraph key={k} style={{ marginBottom: 6, fontSize: 12 }}>
              <Typography.Text strong>{lang === 'en' ? d.nameEn : d.name}</Typography.Text>{' '}
              {lang === 'en' ? d.definitionEn : d.definition}
            </Typography.Paragraph>
          ))}
        </div>
      }
    >
      <InfoCircleOutlined style={{ color: '#8c8c8c' }} aria-label={t('analytics.definitions')} />
    </Popover>
  );
}

function ChannelTags({ counts }: { counts: ChannelCount[] }) {
  const { t } = useI18n();
  return (
    <Space size={[2, 2]} wrap>
      {counts.map((c) => (
        <Tag key={c.channel} style={{ marginInlineEnd: 0 }}>
          {t(`channel.${c.channel}`)} {c.count}
        </Tag>
      ))}
    </Space>
  );
}

function HotTopics({
  hot,
  span,
  setSpan,
}: {
  hot: Polled<HotTopicsReport>;
  span: 'week' | 'month';
  setSpan: (w: 'week' | 'month') => void;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data, error, updatedAt } = hot;
  const labels = useMemo(() => (data?.windows ?? []).map(periodLabel), [data]);
  const columns: ColumnsType<HotTopic> = [
    { title: '#', dataIndex: 'rank', width: 36 },
    {
      title: t('analytics.question'),
      key: 'title',
      render: (_, h) => (
        <div className="one-line" title={h.keyTerms.join(' · ')}>
          <Link to={`/clusters/${h.id}`} onClick={(e) => e.stopPropagation()} data-testid="hot-topic-link">
            {h.title}
          </Link>
        </div>
      ),
    },
    {
      title: t('analytics.trend'),
      key: 'trend',
      width: 116,
      render: (_, h) => (
        <Sparkline values={h.series} labels={labels} color={h.rising ? '#cf1322' : '#1f5fbf'} />
      ),
    },
    {
      title: t('analytics.current'),
      dataIndex: 'current',
      width: 56,
      align: 'right',
      render: (n: number) => (
        <Typography.Text strong data-testid="hot-current">
          {n}
        </Typography.Text>
      ),
    },
    { title: t('analytics.baseline'), dataIndex: 'baseline', width: 56, align: 'right' },
    {
      title: t('analytics.growth'),
      key: 'growth',
      width: 80,
      align: 'right',
      render: (_, h) => (
        <HoverTip title={t('analytics.score', { score: h.score })}>
          <Typography.Text type={h.rising ? 'danger' : undefined}>
            {h.rising && <RiseOutlined />} ×{h.growth.toFixed(h.growth < 10 ? 1 : 0)}
          </Typography.Text>
        </HoverTip>
      ),
    },
    {
      title: t('field.channel'),
      key: 'channels',
      width: 168,
      render: (_, h) => <ChannelTags counts={h.byChannel} />,
    },
    {
      title: t('analytics.sharedAnswer'),
      key: 'answer',
      width: 112,
      render: (_, h) =>
        h.sharedAnswer ? (
          <Tooltip
            title={`${h.sharedAnswer.departmentName ?? h.sharedAnswer.departmentCode} · ${formatTime(
              h.sharedAnswer.publishedAt,
            )}`}
          >
            <Tag color="green" data-testid="hot-answered">
              {t('analytics.answered')}
            </Tag>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];
  return (
    <Card
      size="small"
      data-testid="hot-topics"
      title={
        <Space>
          {t('analytics.hotTopics')}
          <DefinitionsHint definitions={data?.definitions} />
        </Space>
      }
      extra={
        <Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {updatedAt
              ? t('common.updatedAt', { time: formatTimeSeconds(updatedAt).slice(11) })
              : t('common.loading')}
          </Typography.Text>
          <Segmented<'week' | 'month'>
            value={span}
            onChange={setSpan}
            options={[
              { value: 'week', label: t('analytics.window.week') },
              { value: 'month', label: t('analytics.window.month') },
            ]}
          />
        </Space>
      }
    >
      <Table<HotTopic>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={!data && !error}
        pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('analytics.noTopics') }}
        rowClassName="clickable-row"
        onRow={(h) => ({ onClick: () => void navigate(`/clusters/${h.id}`) })}
        tableLayout="fixed"
        scroll={{ x: 760 }}
      />
    </Card>
  );
}

/** The key terms rising with the questions, as a cloud: size by score, red when rising. */
function RisingTerms({ terms = [] }: { terms: HotTerm[] | undefined }) {
  const { t } = useI18n();
  const scores = terms.map((x) => x.score);
  const [lo, hi] = [Math.min(...scores), Math.max(...scores)];
  const size = (x: HotTerm) => 13 + (hi > lo ? ((x.score - lo) / (hi - lo)) * 11 : 4);
  return (
    <Card size="small" title={t('analytics.terms')} data-testid="rising-terms" style={{ height: '100%' }}>
      {!terms.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.noTerms')} />}
      <div className="term-cloud">
        {terms.map((x) => (
          <HoverTip
            key={x.term}
            title={t('analytics.termTip', {
              current: x.current,
              baseline: x.baseline,
              growth: x.growth,
              clusters: x.clusters,
            })}
          >
            <Link
              to={`/clusters?q=${encodeURIComponent(x.term)}`}
              className={x.rising ? 'term rising' : 'term'}
              style={{ fontSize: size(x) }}
            >
              {x.term}
            </Link>
          </HoverTip>
        ))}
      </div>
    </Card>
  );
}

/** 每月一题: the month's most asked questions, their weekly trend, cases before and after the answer. */
function MonthlyQuestions({ month, filters }: { month: string; filters: Filters }) {
  const { t } = useI18n();
  const showError = useShowError();
  const { data, error } = usePoll(
    () =>
      api<MonthlyQuestionsReport>('/api/v1/analytics/monthly-questions', {
        query: monthlyQuestionsQuery(month, filters),
      }),
    `monthly:${month}:${filters.channel}:${filters.department}`,
    60000,
  );
  useEffect(() => {
    if (error) showError(error);
  }, [error, showError]);
  const labels = useMemo(() => (data?.weeks ?? []).map(periodLabel), [data]);
  const columns: ColumnsType<MonthlyQuestion> = [
    { title: '#', dataIndex: 'rank', width: 36 },
    {
      title: t('analytics.question'),
      key: 'title',
      render: (_, q) => (
        <div className="one-line" title={q.keyTerms.join(' · ')}>
          <Link to={`/clusters/${q.id}`}>{q.title}</Link>
        </div>
      ),
    },
    { title: t('analytics.monthCount'), dataIndex: 'count', width: 80, align: 'right' },
    {
      title: t('analytics.weekly'),
      key: 'weekly',
      width: 172,
      render: (_, q) => <Sparkline values={q.weekly} labels={labels} width={160} />,
    },
    {
      title: t('field.channel'),
      key: 'channels',
      width: 200,
      render: (_, q) => <ChannelTags counts={q.byChannel} />,
    },
    {
      title: t('analytics.beforeAfter'),
      key: 'effect',
      width: 300,
      render: (_, q) => <AnswerEffect q={q} />,
    },
  ];
  return (
    <Card
      size="small"
      data-testid="monthly-questions"
      title={
        <Space>
          {t('analytics.monthly', { month })}
          <DefinitionsHint definitions={data?.definitions} />
        </Space>
      }
    >
      <Table<MonthlyQuestion>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={!data && !error}
        pagination={false}
        locale={{ emptyText: t('analytics.noMonthly') }}
        tableLayout="fixed"
        scroll={{ x: 900 }}
      />
    </Card>
  );
}

/** Cases in the 28 days before and after the first publication of the question's shared answer. */
function AnswerEffect({ q }: { q: MonthlyQuestion }) {
  const { t } = useI18n();
  const a = q.sharedAnswer;
  if (!a) return <Tag>{t('analytics.notAnswered')}</Tag>;
  const change = a.before > 0 ? Math.round(((a.after - a.before) / a.before) * 100) : null;
  return (
    <Space size={4} wrap>
      <Tooltip title={t('analytics.publishedAt', { at: formatTime(a.firstPublishedAt) })}>
        <Tag color="green">{t('analytics.answered')}</Tag>
      </Tooltip>
      <Typography.Text>
        {t('analytics.before', { n: a.before })} → {t('analytics.after', { n: a.after })}
      </Typography.Text>
      {change !== null && (
        <Typography.Text type={change <= 0 ? 'success' : 'danger'}>
          {change > 0 ? '+' : ''}
          {change}%
        </Typography.Text>
      )}
      {!a.afterComplete && <Typography.Text type="secondary">{t('analytics.afterOpen')}</Typography.Text>}
    </Space>
  );
}

/** A group's name in the current language: channels and units from the dictionary, else the API's. */
function groupName(
  g: { key: string | null; label: string },
  groupBy: VolumeGrouping,
  i18n: I18n,
  byCode: Map<string, Unit>,
): string {
  if (groupBy === 'channel' && g.key && (CHANNELS as readonly string[]).includes(g.key))
    return i18n.tr(`channel.${g.key}`, g.label);
  if (g.key && byCode.has(g.key)) return unitName(g.key, byCode, i18n.lang);
  return g.label;
}

/** Case volume over time (stacked by channel, unit or street) and the treemap of the streets. */
function Volume({ filters }: { filters: Filters }) {
  const i18n = useI18n();
  const { t } = i18n;
  const showError = useShowError();
  const { byCode } = useUnits();
  const [groupBy, setGroupBy] = useState<VolumeGrouping>(ANALYTICS_START.groupBy);
  const [span, setSpan] = useState<VolumeSpan>(ANALYTICS_START.weeks);
  const from = useMemo(() => volumeFrom(span), [span]);
  const volume = usePoll(
    () =>
      api<VolumeReport>('/api/v1/analytics/volume', {
        query: volumeQuery(groupBy, from, filters),
      }),
    `volume:${groupBy}:${from}:${filters.channel}:${filters.department}`,
    60000,
  );
  const streets = usePoll(
    () =>
      api<VolumeReport>('/api/v1/analytics/volume', {
        query: streetVolumeQuery(from, filters),
      }),
    `streets:${from}:${filters.channel}:${filters.department}`,
    60000,
  );
  useEffect(() => {
    const e = volume.error ?? streets.error;
    if (e) showError(e);
  }, [volume.error, streets.error, showError]);

  const chart = useMemo<TrendChartOption | undefined>(() => {
    const v = volume.data;
    if (!v) return undefined;
    const shown = v.groups.slice(0, VOLUME_SERIES);
    const rest = v.groups.slice(VOLUME_SERIES);
    const series = shown.map((g) => ({ name: groupName(g, v.groupBy, i18n, byCode), counts: g.counts }));
    if (rest.length)
      series.push({
        name: i18n.t('analytics.others'),
        counts: v.buckets.map((_, i) => rest.reduce((n, g) => n + g.counts[i], 0)),
      });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 40, right: 12, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: v.buckets.map((b) => b.from.slice(5, 10)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({
        type: 'bar' as const,
        stack: 'total',
        name: s.name,
        barMaxWidth: 28,
        data: s.counts,
      })),
    };
  }, [volume.data, byCode, i18n]);

  const streetGroups = useMemo(
    () => (streets.data?.groups ?? []).filter((g) => g.key !== null && g.total > 0),
    [streets.data],
  );
  const unknown = streets.data?.groups.find((g) => g.key === null)?.total ?? 0;
  const treemap = useMemo<TrendChartOption>(
    () => ({
      tooltip: { formatter: '{b}: {c}' },
      series: [
        {
          type: 'treemap',
          roam: false,
          nodeClick: false,
          breadcrumb: { show: false },
          width: '100%',
          height: '100%',
          top: 0,
          left: 0,
          label: { show: true, formatter: '{b}\n{c}', fontSize: 12 },
          upperLabel: { show: false },
          itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 },
          data: streetGroups.map((g) => ({ name: groupName(g, 'street', i18n, byCode), value: g.total })),
        },
      ],
    }),
    [streetGroups, byCode, i18n],
  );

  return (
    <>
      <Col xs={24} xl={14}>
        <Card
          size="small"
          data-testid="volume"
          title={
            <Space>
              {t('analytics.volume')}
              <DefinitionsHint definitions={volume.data?.definitions} />
            </Space>
          }
          extra={
            <Space>
              <Segmented<VolumeGrouping>
                value={groupBy}
                onChange={setGroupBy}
                options={VOLUME_GROUPINGS.map((g) => ({ value: g, label: t(`analytics.by.${g}`) }))}
              />
              <Segmented<VolumeSpan>
                value={span}
                onChange={setSpan}
                options={VOLUME_SPANS.map((n) => ({ value: n, label: t('analytics.weeks', { n }) }))}
              />
            </Space>
          }
        >
          {chart ? <Chart kind="trend" option={chart} height={300} /> : <div style={{ height: 300 }} />}
          {volume.data && (
            <Typography.Text type="secondary">{t('common.total', { n: volume.data.total })}</Typography.Text>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('analytics.streets')} data-testid="street-treemap">
          {streetGroups.length ? (
            <Chart kind="trend" option={treemap} height={300} />
          ) : (
            <Empty
              style={{ height: 300, paddingTop: 100, margin: 0 }}
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('analytics.noStreets')}
            />
          )}
          {unknown > 0 && (
            <Typography.Text type="secondary">{t('analytics.unknownStreet', { n: unknown })}</Typography.Text>
          )}
        </Card>
      </Col>
    </>
  );
}
