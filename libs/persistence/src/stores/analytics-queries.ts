import { type DataSource } from 'typeorm';
import { CHANNELS } from '@hub/contracts';
import { CHANNEL_LABELS, type MetricDefinition, UNASSIGNED_LABEL } from './metrics-queries';

/**
 * What analysts read (DESIGN.md, "People": hot topics and rising questions across channels, streets,
 * departments and time; exports): recurring questions (共性问题, `question_cluster`) rising against
 * their own baseline, the key terms rising with them, 每月一题 (the month's most frequent recurring
 * questions, and whether they stopped recurring once a shared answer was published), and case volume
 * over time.
 *
 * Which cases a cluster counts: its members (`cluster_member`) received (受理, `received_at`) in the
 * window — merged duplicates (重复件, status `merged`) included, because every one of them is a
 * citizen asking the question again. A cluster merged into another (`merged_into` set) is not listed;
 * its members and shared answers count for the cluster it was merged into (following the chain). The
 * volume counts cases like 受理量 in the measures: merged duplicates excluded.
 *
 * Periods are China time (UTC+8 all year, no daylight saving). The SQL counts; the ranking (the rising
 * score) is the pure {@link rise} below, so it can be read and tested on its own.
 */

/** The windows of `GET /api/v1/analytics/hot-topics`: 7 or 30 days. */
export const HOT_TOPIC_WINDOWS = ['week', 'month'] as const;
export type HotTopicWindow = (typeof HOT_TOPIC_WINDOWS)[number];
export const WINDOW_DAYS: Record<HotTopicWindow, number> = { week: 7, month: 30 };

/** How many earlier windows make a cluster's baseline. */
export const BASELINE_WINDOWS = 4;
/** Fewer cases than this in the current window: never "rising", ranked after every larger cluster. */
export const MIN_RISING_COUNT = 3;
/** Pseudo-count added to the current window and to the baseline in the rising score. */
export const RISE_SMOOTHING = 5;
/** Weeks in the trend of 每月一题, and the days before and after a shared answer's publication. */
export const MONTHLY_TREND_WEEKS = 8;
export const ANSWER_EFFECT_DAYS = 28;

export const VOLUME_GROUPINGS = ['channel', 'department', 'street'] as const;
export type VolumeGrouping = (typeof VOLUME_GROUPINGS)[number];
export const VOLUME_INTERVALS = ['day', 'week', 'month'] as const;
export type VolumeInterval = (typeof VOLUME_INTERVALS)[number];
/** At most this many buckets in one volume answer (two years of days). */
export const MAX_VOLUME_BUCKETS = 731;

/** The label of cases whose street is not known. */
export const NO_STREET_LABEL = '未注明街道';

const DAY_MS = 24 * 3600 * 1000;
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** A period `[from, to)`. */
export interface Period {
  from: Date;
  to: Date;
}

/**
 * `count` consecutive windows of `days` days ending at `end` (exclusive), oldest first: the last one is
 * `[end − days, end)`.
 */
export function rollingWindows(end: Date, days: number, count: number): Period[] {
  const len = days * DAY_MS;
  return Array.from({ length: count }, (_, i) => ({
    from: new Date(end.getTime() - (count - i) * len),
    to: new Date(end.getTime() - (count - i - 1) * len),
  }));
}

/** The China calendar day (days since 1970-01-01, China) an instant falls on. */
const chinaDay = (at: Date) => Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS);
/** 00:00 China time of a China day. */
const dayStart = (day: number) => new Date(day * DAY_MS - CHINA_OFFSET_MS);
/** `YYYY-MM-DD` of a China day. */
const dayDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The calendar month `YYYY-MM` (China time) as a period. */
export function monthPeriod(month: string): Period {
  const [y, m] = month.split('-').map(Number);
  return {
    from: dayStart(Date.UTC(y, m - 1, 1) / DAY_MS),
    to: dayStart(Date.UTC(y, m, 1) / DAY_MS),
  };
}

/** The China calendar month an instant falls in, `YYYY-MM`. */
export function chinaMonthOf(at: Date): string {
  return dayDate(chinaDay(at)).slice(0, 7);
}

/** ISO week `YYYY-Www` of the Monday `day`. */
function isoWeekKey(monday: number): string {
  const thursday = new Date((monday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((monday + 3 - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** One bucket of a volume series: its key, its label and the part of the period it covers. */
export interface VolumeBucket extends Period {
  /** `2026-03-02`, ISO week `2026-W10` or `2026-03`. */
  key: string;
  /** `2026年3月2日`, `2026年第10周`, `2026年3月`. */
  label: string;
  /** The bucket's first day `YYYY-MM-DD` (what the SQL groups by). */
  start: string;
}

/**
 * The calendar buckets (China days, ISO weeks from Monday, months) that `[from, to)` touches, in order,
 * each clipped to the period (the first and the last may be partial).
 */
export function calendarBuckets(period: Period, interval: VolumeInterval): VolumeBucket[] {
  const first = chinaDay(period.from);
  const last = chinaDay(new Date(period.to.getTime() - 1));
  const startOf = (day: number): number => {
    switch (interval) {
      case 'day':
        return day;
      case 'week':
        return day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7);
      case 'month': {
        const d = new Date(day * DAY_MS);
        return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
      }
    }
  };
  const next = (start: number): number => {
    if (interval === 'day') return start + 1;
    if (interval === 'week') return start + 7;
    const d = new Date(start * DAY_MS);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
  };
  const buckets: VolumeBucket[] = [];
  for (let s = startOf(first); s <= last; s = next(s)) {
    const date = dayDate(s);
    const [y, m, d] = date.split('-').map(Number);
    const week = isoWeekKey(s);
    const key = interval === 'day' ? date : interval === 'week' ? week : date.slice(0, 7);
    const label =
      interval === 'day'
        ? `${y}年${m}月${d}日`
        : interval === 'week'
          ? `${week.slice(0, 4)}年第${Number(week.slice(6))}周`
          : `${y}年${m}月`;
    const from = dayStart(s);
    const to = dayStart(next(s));
    buckets.push({
      key,
      label,
      start: date,
      from: from < period.from ? period.from : from,
      to: to > period.to ? period.to : to,
    });
    if (buckets.length > MAX_VOLUME_BUCKETS) break;
  }
  return buckets;
}

/** How a cluster (or a key term) rises against its own baseline. */
export interface Rise {
  /** Cases in the current window. */
  current: number;
  /** Mean of the earlier windows (2 places). */
  baseline: number;
  /** current ÷ max(baseline, 1) (4 places). */
  growth: number;
  /** (current + 5) ÷ (baseline + 5), the ranking score (4 places). */
  score: number;
  /** At least 3 cases in the current window and more than the baseline. */
  rising: boolean;
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * The rise of a series of window counts, oldest first, the last being the current window: growth
 * against the mean of the earlier ones, and the smoothed score that ranks (a pseudo-count of
 * {@link RISE_SMOOTHING} on both sides pulls small counts towards 1: 2 → 10 scores 2.14, 20 → 20
 * scores 1, 1 → 2 scores 1.17).
 */
export function rise(series: readonly number[]): Rise {
  const current = series.at(-1) ?? 0;
  const earlier = series.slice(0, -1);
  const baseline = earlier.length ? earlier.reduce((a, b) => a + b, 0) / earlier.length : 0;
  return {
    current,
    baseline: round(baseline, 2),
    growth: round(current / Math.max(baseline, 1), 4),
    score: round((current + RISE_SMOOTHING) / (baseline + RISE_SMOOTHING), 4),
    rising: current >= MIN_RISING_COUNT && current > baseline,
  };
}

/**
 * The order of hot topics and terms: those with at least {@link MIN_RISING_COUNT} cases in the current
 * window first, then by score, by current count, and by `tie` (title or term) for a stable order.
 */
export function byRise<T extends { rise: Rise; tie: string }>(a: T, b: T): number {
  const big = (x: T) => (x.rise.current >= MIN_RISING_COUNT ? 1 : 0);
  return (
    big(b) - big(a) ||
    b.rise.score - a.rise.score ||
    b.rise.current - a.rise.current ||
    (a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0)
  );
}

/** Which cases: the filters and the caller's department scope. */
export interface AnalyticsFilter {
  channel?: string;
  department?: string;
  /** A street office code (or the street text a source gave, when it names no known street office). */
  street?: string;
  /** Only these departments' cases (access control); undefined means no restriction. */
  departmentScope?: string[];
}

export interface HotTopicsFilter extends AnalyticsFilter {
  window: HotTopicWindow;
  /** The end of the current window (exclusive). */
  at: Date;
  limit: number;
}

/** Cases in one channel. */
export interface ChannelCount {
  channel: string;
  label: string;
  count: number;
}

/** The shared answer (统一回应) of a question in force, and when the question was first answered. */
export interface PublishedAnswer {
  /** The latest approved answer. */
  id: string;
  departmentCode: string;
  departmentName: string | null;
  /** Its publication: review approval (`reviewed_at`). */
  publishedAt: Date;
  /** The first publication of an answer to the question (earlier versions it replaced included). */
  firstPublishedAt: Date;
}

export interface HotTopic {
  id: string;
  title: string;
  keyTerms: string[];
  rise: Rise;
  /** Cases per window, oldest first, aligned with the report's `windows` (the last is current). */
  series: number[];
  /** The current window's cases by channel (channels with none left out). */
  byChannel: ChannelCount[];
  /** Published by the end of the current window, or null. */
  sharedAnswer: PublishedAnswer | null;
}

export interface HotTerm {
  term: string;
  /** Clusters with cases in the windows carrying the term. */
  clusters: number;
  rise: Rise;
  series: number[];
}

export interface HotTopicsReport {
  /** Oldest first; the last is the current window. */
  windows: Period[];
  items: HotTopic[];
  terms: HotTerm[];
}

export interface MonthlyQuestionsFilter extends AnalyticsFilter {
  month: Period;
  /** Now: the end of the trend for the current month, and whether the weeks after an answer are over. */
  asOf: Date;
  limit: number;
}

export interface AnswerEffect extends PublishedAnswer {
  /** Cases in the 28 days before the first publication. */
  before: number;
  /** Cases in the 28 days from the first publication (so far, when `afterComplete` is false). */
  after: number;
  afterComplete: boolean;
}

export interface MonthlyQuestion {
  rank: number;
  id: string;
  title: string;
  keyTerms: string[];
  /** Cases received in the month. */
  count: number;
  byChannel: ChannelCount[];
  /** Cases per week, oldest first, aligned with the report's `weeks`. */
  weekly: number[];
  sharedAnswer: AnswerEffect | null;
}

export interface MonthlyQuestionsReport {
  month: Period;
  /** The trend's 7-day windows, oldest first, ending with the month (or today, in the current month). */
  weeks: Period[];
  items: MonthlyQuestion[];
}

export interface VolumeFilter extends AnalyticsFilter {
  from: Date;
  to: Date;
  groupBy: VolumeGrouping;
  interval: VolumeInterval;
}

export interface VolumeSeries {
  /** Channel, department code (null: waiting for a dispatcher) or street key (null: unknown). */
  key: string | null;
  /** 渠道名称, 单位名称, 街道名称. */
  label: string;
  total: number;
  /** Cases per bucket, aligned with the report's `buckets`. */
  counts: number[];
}

export interface VolumeReport {
  buckets: VolumeBucket[];
  /** All groups per bucket. */
  totals: number[];
  total: number;
  /** Largest first. */
  groups: VolumeSeries[];
}

const def = (name: string, nameEn: string, definition: string, definitionEn: string): MetricDefinition => ({
  name,
  nameEn,
  definition,
  definitionEn,
});

const MEMBERS_DEFINITION = def(
  '统计范围',
  'scope',
  '共性问题（问题簇）的成员工单，按受理时间（北京时间）计入窗口；并案的重复件计入（每件都是市民又问了一次）；已并入其他问题簇的问题簇不单列，其成员和统一回应计入并入后的问题簇；按渠道、单位、街道筛选成员工单；承办人和负责人只统计本单位的工单。',
  "Member cases of recurring questions (clusters), counted in a window by received time (Asia/Shanghai); merged duplicates count (each is a citizen asking again); clusters merged into another are not listed, their members and shared answers count for the cluster they were merged into; channel, unit and street filter the member cases; staff and leads count their own unit's cases only.",
);

const STREET_DEFINITION = def(
  '街道',
  'street',
  '来源给出的街道（热线 street 字段，按街道办代码、名称或简称匹配目录），否则为承办工单的街道办；都没有则为“未注明街道”；目录中没有的街道名称原样列出。',
  "The street the source gave (the hotline's street, matched to a street office by code, name or short name), else the street office handling the case; neither: 未注明街道 (unknown); a street name not in the directory is listed as given.",
);

const SHARED_ANSWER_DEFINITION = def(
  '统一回应',
  'shared answer',
  '问题簇（含并入的问题簇）现行的统一回应：已审核通过的最新一条（审核通过时间即发布时间），以及该问题首次发布回应的时间（含被新版本替换而撤回的旧版本）；只计截至统计时点已发布的。',
  "The cluster's (or a merged-in cluster's) shared answer in force: the latest approved one (approval is publication, reviewed_at), and when the question was first answered (versions a newer answer withdrew included); only answers published by the end of the window (at) or by now.",
);

/** The definitions in the hot-topics answer and the export's 口径说明. */
export const HOT_TOPIC_DEFINITIONS: Record<string, MetricDefinition> = {
  scope: MEMBERS_DEFINITION,
  windows: def(
    '统计窗口',
    'windows',
    `当前窗口为截至 at（不含）的最近 7 天（week）或 30 天（month）；基线窗口为其前连续 ${BASELINE_WINDOWS} 个等长窗口。series 按时间先后列出 ${BASELINE_WINDOWS + 1} 个窗口的件数，最后一个为当前窗口。`,
    `The current window is the 7 (week) or 30 (month) days up to at (exclusive); the baseline is the ${BASELINE_WINDOWS} windows of the same length before it. series lists the ${BASELINE_WINDOWS + 1} windows' counts, oldest first, the last being the current window.`,
  ),
  growth: def(
    '增长倍数',
    'growth',
    '当前窗口件数 ÷ max(基线, 1)，基线为前 4 个窗口件数的平均值（基线不足 1 件按 1 件计，避免除以零和小数放大）。',
    'current ÷ max(baseline, 1), the baseline being the mean of the 4 earlier windows (a baseline under 1 counts as 1: no division by zero, no blow-up of fractions).',
  ),
  score: def(
    '上升分',
    'rising score',
    `(当前件数 + ${RISE_SMOOTHING}) ÷ (基线 + ${RISE_SMOOTHING})：两边各加 ${RISE_SMOOTHING} 件的平滑增长倍数，件数少时趋近 1，避免 1→2 件的小问题排在前面（2→10 为 2.14，一直 20 件为 1，1→2 为 1.17）。`,
    `(current + ${RISE_SMOOTHING}) ÷ (baseline + ${RISE_SMOOTHING}): growth smoothed with ${RISE_SMOOTHING} cases on both sides, near 1 for small counts, so that a 1 → 2 question does not top the list (2 → 10 scores 2.14, a steady 20 scores 1, 1 → 2 scores 1.17).`,
  ),
  order: def(
    '排序',
    'order',
    `当前窗口不少于 ${MIN_RISING_COUNT} 件的问题排在前面，再按上升分、当前件数从高到低；rising（上升）= 当前窗口不少于 ${MIN_RISING_COUNT} 件且高于基线。只列当前窗口有工单的问题。`,
    `Questions with at least ${MIN_RISING_COUNT} cases in the current window first, then by rising score and current count, highest first; rising = at least ${MIN_RISING_COUNT} cases in the current window and more than the baseline. Only questions with cases in the current window are listed.`,
  ),
  terms: def(
    '上升热词',
    'rising terms',
    '每个关键词在各窗口的件数 = 带有该关键词的问题簇在该窗口的件数之和；按同样的增长倍数、上升分和排序，取前 20 个当前窗口有工单的关键词。',
    "A key term's count in a window = the sum of the window counts of the clusters carrying it; the same growth, score and order; the top 20 with cases in the current window.",
  ),
  sharedAnswer: SHARED_ANSWER_DEFINITION,
  street: STREET_DEFINITION,
};

/** The definitions in the 每月一题 answer and the export's 口径说明. */
export const MONTHLY_QUESTION_DEFINITIONS: Record<string, MetricDefinition> = {
  scope: MEMBERS_DEFINITION,
  count: def(
    '本月件数',
    'cases this month',
    '问题簇在该自然月（北京时间）受理的成员工单数；按件数从多到少排列（相同时最近有工单的在前）。',
    "The cluster's member cases received in the calendar month (Asia/Shanghai); most first.",
  ),
  weekly: def(
    '周趋势',
    'weekly trend',
    `截至月末（当月则截至今天结束）的最近 ${MONTHLY_TREND_WEEKS} 个 7 天窗口的件数，按时间先后排列。`,
    `Cases in the ${MONTHLY_TREND_WEEKS} 7-day windows up to the end of the month (in the current month, the end of today), oldest first.`,
  ),
  sharedAnswer: SHARED_ANSWER_DEFINITION,
  answerEffect: def(
    '回应前后',
    'before and after the answer',
    `有统一回应时：首次发布前 ${ANSWER_EFFECT_DAYS} 天与首次发布起 ${ANSWER_EFFECT_DAYS} 天（含发布时刻）的件数，看问题在回应后是否不再反复出现；发布后未满 ${ANSWER_EFFECT_DAYS} 天时 afterComplete 为 false，after 为截至目前的件数。`,
    `With a shared answer: cases in the ${ANSWER_EFFECT_DAYS} days before its first publication and in the ${ANSWER_EFFECT_DAYS} days from it — did the question stop recurring once answered? afterComplete is false while those days are not over (after counts so far).`,
  ),
};

/** The definitions in the volume answer. */
export const VOLUME_DEFINITIONS: Record<string, MetricDefinition> = {
  scope: def(
    '统计范围',
    'scope',
    '受理时间（北京时间）在 [from, to) 内的工单，不含并案的重复件（与三率的受理量一致）；按工单当前承办单位（待派单件无单位）。按日、ISO 周（周一开始）或自然月分段，首末段可能不完整。',
    'Cases received (Asia/Shanghai) in [from, to), merged duplicates excluded (as 受理量 in the measures), by their current unit (none while waiting for a dispatcher); per day, ISO week (from Monday) or calendar month; the first and last buckets may be partial.',
  ),
  street: STREET_DEFINITION,
};

/** Every question_cluster id with the id of the listed cluster it counts for (merged chains followed). */
const ROOT = `root AS (
    SELECT q.id, q.id AS root_id FROM question_cluster q WHERE q.merged_into IS NULL
    UNION ALL
    SELECT q.id, r.root_id FROM question_cluster q JOIN root r ON q.merged_into = r.id
  )`;

/** The street of a case: `st_key` / `st_name` (see STREET_DEFINITION). Joins `sa` and `sd`. */
const STREET_JOIN = `
  LEFT JOIN (
    SELECT DISTINCT ON (alias) alias, s.code, s.name
    FROM department s
    CROSS JOIN LATERAL unnest(ARRAY[s.code, s.name, regexp_replace(s.name, '(街道|镇)$', '')]) AS alias
    WHERE s.kind = 'street' AND alias <> ''
    ORDER BY alias, s.code
  ) sa ON sa.alias = btrim(c.street)
  LEFT JOIN department sd ON sd.code = c.department_code AND sd.kind = 'street'`;
const STREET_KEY = `COALESCE(sa.code, sd.code, NULLIF(btrim(c.street), ''))`;
const STREET_NAME = `COALESCE(sa.name, sd.name, NULLIF(btrim(c.street), ''))`;

/** The `date_trunc` unit of each interval (whitelisted: the only SQL that depends on the request). */
const TRUNC: Record<VolumeInterval, string> = { day: 'day', week: 'week', month: 'month' };

/** `count(*)` per channel, in CHANNELS order, as an int array. */
const channelCounts = (extra = 'true') =>
  `ARRAY[${CHANNELS.map((ch) => `count(*) FILTER (WHERE ${extra} AND channel = '${ch}')`).join(', ')}]::int[]`;

/** `count(*)` per window index `w` 0 … n − 1, as an int array. */
const windowCounts = (n: number) =>
  `ARRAY[${Array.from({ length: n }, (_, i) => `count(*) FILTER (WHERE w = ${i})`).join(', ')}]::int[]`;

const byChannel = (counts: number[]): ChannelCount[] =>
  CHANNELS.map((channel, i) => ({
    channel,
    label: CHANNEL_LABELS[channel] ?? channel,
    count: counts[i] ?? 0,
  })).filter((c) => c.count > 0);

interface AnswerColumns {
  answer_id: string | null;
  answer_department: string | null;
  answer_department_name: string | null;
  answer_published_at: string | Date | null;
  answer_first_published_at: string | Date | null;
}

const answerOf = (r: AnswerColumns): PublishedAnswer | null =>
  r.answer_id && r.answer_published_at
    ? {
        id: r.answer_id,
        departmentCode: r.answer_department ?? '',
        departmentName: r.answer_department_name,
        publishedAt: new Date(r.answer_published_at),
        firstPublishedAt: new Date(r.answer_first_published_at ?? r.answer_published_at),
      }
    : null;

/**
 * Per listed cluster, its shared answer (统一回应) published before `at`: the latest approved one, and
 * when the question was first answered (`first_at`: the earliest publication of any version, counting
 * the versions a newer approved answer withdrew).
 */
const answers = (at: string) => `answer AS (
    SELECT DISTINCT ON (r.root_id) r.root_id AS cluster_id, a.id, a.department_code, d.name AS department_name,
           a.reviewed_at, f.first_at
    FROM shared_answer a
    JOIN root r ON r.id = a.cluster_id
    LEFT JOIN department d ON d.code = a.department_code
    CROSS JOIN LATERAL (
      SELECT min(b.reviewed_at) AS first_at FROM shared_answer b JOIN root rb ON rb.id = b.cluster_id
      WHERE rb.root_id = r.root_id AND b.status IN ('approved', 'withdrawn') AND b.reviewed_at < ${at}
    ) f
    WHERE a.status = 'approved' AND a.reviewed_at IS NOT NULL AND a.reviewed_at < ${at}
    ORDER BY r.root_id, a.reviewed_at DESC, a.id
  )`;

interface HotRow {
  clusters: (AnswerColumns & {
    id: string;
    title: string;
    key_terms: string[];
    series: number[];
    channels: number[];
  })[];
  terms: { term: string; clusters: number; series: number[] }[];
}

interface MonthlyRow extends AnswerColumns {
  id: string;
  title: string;
  key_terms: string[];
  n: number;
  channels: number[];
  weekly: number[];
  before: number;
  after: number;
}

/** Read side of the analyst dashboards (SQL only; the HTTP adapter decides access and formats). */
export class AnalyticsQueries {
  constructor(private readonly db: DataSource) {}

  /**
   * Hot topics: every listed cluster with cases in the current window, ranked by {@link byRise}, and the
   * top 20 key terms the same way; one statement.
   */
  async hotTopics(f: HotTopicsFilter): Promise<HotTopicsReport> {
    const n = BASELINE_WINDOWS + 1;
    const windows = rollingWindows(f.at, WINDOW_DAYS[f.window], n);
    const params: unknown[] = [windows[0].from, WINDOW_DAYS[f.window] * 86400, f.at];
    const { joins, where } = this.cases(f, params);
    const sum = `ARRAY[${Array.from({ length: n }, (_, i) => `sum(pc.series[${i + 1}])`).join(', ')}]::int[]`;
    const [row] = await this.db.query<HotRow[]>(
      `WITH RECURSIVE ${ROOT},
       m AS (
         SELECT r.root_id AS cluster_id, c.channel,
                floor(extract(epoch FROM c.received_at - $1::timestamptz) / $2::int)::int AS w
         FROM cluster_member cm
         JOIN root r ON r.id = cm.cluster_id
         JOIN case_record c ON c.id = cm.case_id ${joins}
         WHERE c.received_at >= $1 AND c.received_at < $3 AND ${where}
       ),
       pc AS (
         SELECT cluster_id, ${windowCounts(n)} AS series, ${channelCounts(`w = ${n - 1}`)} AS channels
         FROM m GROUP BY cluster_id
       ),
       ${answers('$3')},
       term AS (
         SELECT t.term, count(*)::int AS clusters, ${sum} AS series
         FROM pc JOIN question_cluster q ON q.id = pc.cluster_id
         CROSS JOIN LATERAL (SELECT DISTINCT btrim(k) AS term FROM unnest(q.key_terms) k WHERE btrim(k) <> '') t
         GROUP BY t.term
       )
       SELECT
         (SELECT COALESCE(json_agg(json_build_object(
                   'id', q.id, 'title', q.title, 'key_terms', q.key_terms, 'series', pc.series,
                   'channels', pc.channels, 'answer_id', a.id, 'answer_department', a.department_code,
                   'answer_department_name', a.department_name, 'answer_published_at', a.reviewed_at,
                   'answer_first_published_at', a.first_at)), '[]')
          FROM pc JOIN question_cluster q ON q.id = pc.cluster_id LEFT JOIN answer a ON a.cluster_id = pc.cluster_id
          WHERE pc.series[${n}] > 0) AS clusters,
         (SELECT COALESCE(json_agg(json_build_object('term', term, 'clusters', clusters, 'series', series)), '[]')
          FROM term WHERE series[${n}] > 0) AS terms`,
      params,
    );
    const items = row.clusters
      .map((c): HotTopic & { tie: string } => ({
        tie: `${c.title}\u0000${c.id}`,
        id: c.id,
        title: c.title,
        keyTerms: c.key_terms,
        rise: rise(c.series),
        series: c.series,
        byChannel: byChannel(c.channels),
        sharedAnswer: answerOf(c),
      }))
      .sort(byRise)
      .slice(0, f.limit)
      .map(({ tie: _tie, ...item }) => item);
    const terms = row.terms
      .map((t) => ({ tie: t.term, rise: rise(t.series), ...t }))
      .sort(byRise)
      .slice(0, 20)
      .map(({ term, clusters, rise: r, series }) => ({ term, clusters, rise: r, series }));
    return { windows, items, terms };
  }

  /**
   * 每月一题: the clusters with the most cases received in the month, each with its weekly trend and,
   * when a shared answer is published, the cases in the 28 days before and after; one statement.
   */
  async monthlyQuestions(f: MonthlyQuestionsFilter): Promise<MonthlyQuestionsReport> {
    const trendEnd = new Date(Math.min(f.month.to.getTime(), dayStart(chinaDay(f.asOf) + 1).getTime()));
    const weeks = rollingWindows(trendEnd, 7, MONTHLY_TREND_WEEKS);
    const params: unknown[] = [
      f.month.from,
      f.month.to,
      weeks[0].from,
      f.asOf,
      f.limit,
      `${ANSWER_EFFECT_DAYS} days`,
    ];
    const { joins, where } = this.cases(f, params);
    const rows = await this.db.query<MonthlyRow[]>(
      `WITH RECURSIVE ${ROOT},
       top AS (
         SELECT r.root_id AS cluster_id, count(*)::int AS n, ${channelCounts()} AS channels,
                max(c.received_at) AS latest
         FROM cluster_member cm
         JOIN root r ON r.id = cm.cluster_id
         JOIN case_record c ON c.id = cm.case_id ${joins}
         WHERE c.received_at >= $1 AND c.received_at < $2 AND ${where}
         GROUP BY r.root_id
         ORDER BY n DESC, latest DESC, r.root_id
         LIMIT $5
       ),
       ${answers('$4')},
       tm AS (
         SELECT t.cluster_id, c.received_at,
                floor(extract(epoch FROM c.received_at - $3::timestamptz) / 604800)::int AS w
         FROM top t
         JOIN root r ON r.root_id = t.cluster_id
         JOIN cluster_member cm ON cm.cluster_id = r.id
         JOIN case_record c ON c.id = cm.case_id ${joins}
         WHERE ${where}
       ),
       ts AS (
         SELECT tm.cluster_id,
                ${windowCounts(MONTHLY_TREND_WEEKS)} AS weekly,
                count(*) FILTER (WHERE tm.received_at >= a.first_at - $6::interval
                                   AND tm.received_at < a.first_at)::int AS before,
                count(*) FILTER (WHERE tm.received_at >= a.first_at
                                   AND tm.received_at < a.first_at + $6::interval)::int AS after
         FROM tm LEFT JOIN answer a ON a.cluster_id = tm.cluster_id
         GROUP BY tm.cluster_id
       )
       SELECT q.id, q.title, q.key_terms, t.n, t.channels, ts.weekly, ts.before, ts.after,
              a.id AS answer_id, a.department_code AS answer_department,
              a.department_name AS answer_department_name, a.reviewed_at AS answer_published_at,
              a.first_at AS answer_first_published_at
       FROM top t
       JOIN question_cluster q ON q.id = t.cluster_id
       JOIN ts ON ts.cluster_id = t.cluster_id
       LEFT JOIN answer a ON a.cluster_id = t.cluster_id
       ORDER BY t.n DESC, t.latest DESC, t.cluster_id`,
      params,
    );
    const items = rows.map((r, i): MonthlyQuestion => {
      const answer = answerOf(r);
      return {
        rank: i + 1,
        id: r.id,
        title: r.title,
        keyTerms: r.key_terms,
        count: r.n,
        byChannel: byChannel(r.channels),
        weekly: r.weekly,
        sharedAnswer: answer && {
          ...answer,
          before: r.before,
          after: r.after,
          afterComplete: answer.firstPublishedAt.getTime() + ANSWER_EFFECT_DAYS * DAY_MS <= f.asOf.getTime(),
        },
      };
    });
    return { month: f.month, weeks, items };
  }

  /** Case volume per group and calendar bucket; one statement. */
  async volume(f: VolumeFilter): Promise<VolumeReport> {
    const buckets = calendarBuckets(f, f.interval);
    const params: unknown[] = [f.from, f.to];
    const street = f.groupBy === 'street';
    const { joins, where } = this.cases(f, params, street);
    const group: Record<VolumeGrouping, { key: string; label: string; join: string }> = {
      channel: { key: 'c.channel', label: 'NULL::text', join: '' },
      department: {
        key: 'c.department_code',
        label: 'd.name',
        join: 'LEFT JOIN department d ON d.code = c.department_code',
      },
      street: { key: STREET_KEY, label: STREET_NAME, join: '' },
    };
    const g = group[f.groupBy];
    const rows = await this.db.query<
      { group_key: string | null; label: string | null; bucket: string; n: number }[]
    >(
      `SELECT ${g.key} AS group_key, ${g.label} AS label,
              to_char(date_trunc('${TRUNC[f.interval]}', c.received_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS bucket,
              count(*)::int AS n
       FROM case_record c ${joins} ${g.join}
       WHERE c.status <> 'merged' AND c.received_at >= $1 AND c.received_at < $2 AND ${where}
       GROUP BY 1, 2, 3`,
      params,
    );
    const index = new Map(buckets.map((b, i) => [b.start, i]));
    const series = new Map<string | null, VolumeSeries>();
    const totals = buckets.map(() => 0);
    for (const r of rows) {
      const i = index.get(r.bucket);
      if (i === undefined) continue;
      let s = series.get(r.group_key);
      if (!s) {
        s = {
          key: r.group_key,
          label: this.label(f.groupBy, r.group_key, r.label),
          total: 0,
          counts: buckets.map(() => 0),
        };
        series.set(r.group_key, s);
      }
      s.counts[i] += r.n;
      s.total += r.n;
      totals[i] += r.n;
    }
    const groups = [...series.values()].sort(
      (a, b) =>
        b.total - a.total ||
        Number(a.key === null) - Number(b.key === null) ||
        ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0),
    );
    return { buckets, totals, total: totals.reduce((a, b) => a + b, 0), groups };
  }

  /** The name of a unit (department or street office), or null when there is none with that code. */
  async unitName(code: string): Promise<string | null> {
    const [row] = await this.db.query<{ name: string }[]>(`SELECT name FROM department WHERE code = $1`, [
      code,
    ]);
    return row?.name ?? null;
  }

  private label(grouping: VolumeGrouping, key: string | null, name: string | null): string {
    switch (grouping) {
      case 'channel':
        return (key && CHANNEL_LABELS[key]) ?? key ?? '';
      case 'department':
        return key === null ? UNASSIGNED_LABEL : (name ?? key);
      case 'street':
        return name ?? NO_STREET_LABEL;
    }
  }

  /**
   * The joins and conditions that select cases (`c`) by the filters, parameterised after `params`
   * (never user text in SQL). The street joins are added when the street is filtered or wanted.
   */
  private cases(f: AnalyticsFilter, params: unknown[], withStreet = false): { joins: string; where: string } {
    const where: string[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.channel) add('c.channel = ?', f.channel);
    if (f.department) add('c.department_code = ?', f.department);
    if (f.departmentScope) add('c.department_code = ANY(?::text[])', f.departmentScope);
    if (f.street) add(`${STREET_KEY} = ?`, f.street);
    return {
      joins: withStreet || f.street ? STREET_JOIN : '',
      where: where.length ? where.join(' AND ') : 'true',
    };
  }
}
