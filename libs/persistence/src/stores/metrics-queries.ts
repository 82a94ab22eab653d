import { type DataSource } from 'typeorm';

/**
 * The measures supervisors are judged by (DESIGN.md, "Measures supervisors are judged by"): the 三率
 * — 响应率, 解决率, 满意率 — plus 按期办结率, average handling time and the counts behind the SLA
 * board, per department, channel, month or week, and the cases behind every number.
 *
 * Which cases: every case received (受理, `received_at`) in the period `[from, to)` — merged
 * duplicates (重复件, status `merged`) excluded — in its current unit (a transferred case counts for
 * the unit that has it now; a case still waiting for a dispatcher has no unit). "Now" is `asOf`,
 * the moment of the query: a deadline that has not passed yet is not a miss yet.
 *
 * The SQL of each measure is written once below (`COUNTED` / `MET` / `COUNT_OF`), and the aggregate
 * and the drill-down use the same fragments, so the cases listed are exactly the cases counted.
 */

/** Groupings of `GET /api/v1/metrics`. */
export const METRICS_GROUPINGS = ['department', 'channel', 'month', 'week'] as const;
export type MetricsGrouping = (typeof METRICS_GROUPINGS)[number];

/** The four rates (三率 and 按期办结率). */
export const RATE_MEASURES = ['response', 'on-time', 'resolution', 'satisfaction'] as const;
export type RateMeasure = (typeof RATE_MEASURES)[number];

/** Plain counts that can be drilled into. */
export const COUNT_MEASURES = ['received', 'breached', 'overdue', 'open', 'extended', 'reopened'] as const;
export type CountMeasure = (typeof COUNT_MEASURES)[number];

/** Everything `GET /api/v1/metrics/cases` can list the cases of. */
export const DRILL_MEASURES = [...RATE_MEASURES, ...COUNT_MEASURES] as const;
export type DrillMeasure = RateMeasure | CountMeasure;

/** The part of a rate's denominator to list: `met` = the numerator, `missed` = the rest. */
export const OUTCOMES = ['met', 'missed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One rate: numerator ÷ denominator, null when nothing is counted yet (rounded to 4 places). */
export interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/** The measures of one group (or of the whole selection). */
export interface Measures {
  /** 受理量 — cases received in the period (merged duplicates excluded). */
  received: number;
  /** 响应率 */
  response: Rate;
  /** 按期办结率 */
  onTime: Rate;
  /** 解决率 */
  resolution: Rate;
  /** 满意率 */
  satisfaction: Rate;
  /** 平均办理时长 — received → replied, clock hours (2 places), over `replied` cases; null when none. */
  avgHandlingHours: number | null;
  /** Cases with a reply (the base of the average handling time). */
  replied: number;
  /** 超期件数 — an SLA breach went out for the case's current deadline. */
  breached: number;
  /** 在办件数 — not replied yet. */
  open: number;
  /** 超期在办件数 — not replied yet and past the answer deadline. */
  overdue: number;
  /** 延期件数 — an extension was approved. */
  extended: number;
  /** 重办件数 — reopened for re-handling at least once. */
  reopened: number;
}

export interface MetricsGroup extends Measures {
  /** Department code (null: waiting for a dispatcher), channel, `YYYY-MM` or ISO week `YYYY-Www`. */
  key: string | null;
  /** 单位名称, 渠道名称, `2026年3月`, `2026年第10周`. */
  label: string;
}

export interface MetricsFilter {
  /** Received at or after (inclusive). */
  from: Date;
  /** Received before (exclusive). */
  to: Date;
  /** Deadlines are judged as of this moment (normally now). */
  asOf: Date;
  channel?: string;
  department?: string;
  /** Only these departments' cases (access control); undefined means no restriction. */
  departmentScope?: string[];
}

export interface MetricsReport {
  total: Measures;
  groups: MetricsGroup[];
}

/** A case behind a number (text fields are the masked ones). */
export interface MetricsCaseRow {
  id: string;
  channel: string;
  externalRef: string;
  departmentCode: string | null;
  status: string;
  receivedAt: Date;
  firstResponseDueAt: Date | null;
  dueAt: Date | null;
  acceptedAt: Date | null;
  repliedAt: Date | null;
  title: string | null;
}

export interface MetricsCasesFilter extends MetricsFilter {
  measure: DrillMeasure;
  /** For the rates only: met (numerator), missed (denominator − numerator); absent = the denominator. */
  outcome?: Outcome;
  offset: number;
  limit: number;
}

/** A supervisor-readable definition: what is counted, in Chinese and in English. */
export interface MetricDefinition {
  name: string;
  nameEn: string;
  definition: string;
  definitionEn: string;
}

/**
 * The definitions shown in the API answer (`definitions`) and in the export's 口径说明 sheet. They
 * describe the SQL fragments below; change both together.
 */
export const METRIC_DEFINITIONS: Record<'period' | Exclude<keyof Measures, 'replied'>, MetricDefinition> = {
  period: {
    name: '统计范围',
    nameEn: 'scope',
    definition:
      '受理时间（北京时间）在统计期间 [from, to) 内的工单，不含并案的重复件；按工单当前承办单位统计（转办件计入现承办单位，待派单件无单位）；时限以查询时刻（asOf）判断，未到期的不计为超时。',
    definitionEn:
      'Cases received (Asia/Shanghai) in [from, to), merged duplicates excluded, counted for the unit that has them now (a transferred case for its current unit; a case waiting for a dispatcher has none); deadlines are judged as of the query time (asOf): a deadline not yet passed is not a miss.',
  },
  received: {
    name: '受理量',
    nameEn: 'cases received',
    definition: '统计范围内的工单数。',
    definitionEn: 'Cases in scope.',
  },
  response: {
    name: '响应率',
    nameEn: 'response rate',
    definition:
      '分子：签收时间（accepted_at）不晚于首次响应时限（first_response_due_at）的工单（无首次响应时限的已签收件计为及时）；分母：已签收或首次响应时限已过的工单。尚在首次响应时限内且未签收的工单暂不计入。转办、重新派单、退单和重办会清空签收时间，工单须由现承办单位重新签收，仍以原首次响应时限判断。',
    definitionEn:
      'Numerator: cases accepted (签收, accepted_at) no later than their first-response deadline (accepted cases without one count as on time). Denominator: cases accepted or whose first-response deadline has passed; cases still inside the window and not accepted are not counted yet. Transfer, re-assignment, return and reopening clear the acceptance: the unit that has the case must accept it again, judged against the original first-response deadline.',
  },
  onTime: {
    name: '按期办结率',
    nameEn: 'on-time rate',
    definition:
      '分子：答复时间（replied_at，审核通过并回复）不晚于办理时限（due_at，含批准的延期、重办时限）的工单（无办理时限的已答复件计为按期）；分母：已答复或办理时限已过的工单。',
    definitionEn:
      'Numerator: cases replied (replied_at, reply approved and sent) no later than their due time (due_at, including approved extensions and the re-handling deadline; replied cases without one count as on time). Denominator: cases replied or past their due time.',
  },
  resolution: {
    name: '解决率',
    nameEn: 'resolution rate',
    definition:
      '取每件工单最近一次联系上市民（reached）的回访结果。分子：结果为“已解决”的工单（“部分解决”“未解决”均不计入分子）；分母：有联系上的回访结果的工单。',
    definitionEn:
      "Per case the latest follow-up call (回访) that reached the citizen. Numerator: cases whose latest result is 'resolved' ('partly' and 'unresolved' do not count); denominator: cases with such a result.",
  },
  satisfaction: {
    name: '满意率',
    nameEn: 'satisfaction rate',
    definition:
      '取每件工单最近一次联系上市民的回访结果。分子：评价为“满意”或“基本满意”的工单；分母：有联系上的回访结果的工单（未给出评价的计入分母）。',
    definitionEn:
      "Per case the latest follow-up call that reached the citizen. Numerator: 'satisfied' or 'basically_satisfied'; denominator: cases with such a result (one without a rating counts in the denominator).",
  },
  avgHandlingHours: {
    name: '平均办理时长(小时)',
    nameEn: 'average handling time (hours)',
    definition: '已答复工单从受理（received_at）到答复（replied_at）的自然小时数的平均值（非工作时长）。',
    definitionEn:
      'Mean clock hours (not working hours) from received_at to replied_at over the replied cases.',
  },
  breached: {
    name: '超期件数',
    nameEn: 'SLA breaches',
    definition: '已发出超期事件（case.sla-breached）的工单数（sla_breached_for 非空），无论之后是否已答复。',
    definitionEn:
      'Cases for which an SLA breach event went out (sla_breached_for set), whether or not they were answered since.',
  },
  open: {
    name: '在办件数',
    nameEn: 'open cases',
    definition: '尚未答复的工单（受理、待派单、已派单、已签收、答复审核中）。',
    definitionEn: 'Cases not replied yet (received, pending-dispatch, assigned, accepted, reply-review).',
  },
  overdue: {
    name: '超期在办件数',
    nameEn: 'overdue open cases',
    definition: '在办且办理时限（due_at）已过的工单。',
    definitionEn: 'Open cases whose due time has passed.',
  },
  extended: {
    name: '延期件数',
    nameEn: 'extended cases',
    definition: '获批延期（extended_days > 0）的工单数。',
    definitionEn: 'Cases with an approved extension (extended_days > 0).',
  },
  reopened: {
    name: '重办件数',
    nameEn: 'reopened cases',
    definition: '因不满意等原因至少重办一次（reopen_count > 0）的工单数。',
    definitionEn: 'Cases reopened for re-handling (重办) at least once (reopen_count > 0).',
  },
};

/** 渠道 labels. */
export const CHANNEL_LABELS: Record<string, string> = {
  hotline: '12345热线',
  board: '网站留言板',
  portal: '国务院平台转办',
  open311: 'Open311',
};

/** The label of the department group of cases waiting for a dispatcher. */
export const UNASSIGNED_LABEL = '待派单（未确定承办单位）';

/** The as-of time in the fragments: `n.as_of`, bound once as $1 by `CASES` below. */
const AS_OF = 'n.as_of';

/** Open: not replied yet. */
const OPEN = `c.status IN ('received', 'pending-dispatch', 'assigned', 'accepted', 'reply-review')`;

/** Which cases a rate counts (its denominator). Each fragment is a boolean, never NULL. */
const COUNTED: Record<RateMeasure, string> = {
  response: `(c.accepted_at IS NOT NULL OR COALESCE(c.first_response_due_at < ${AS_OF}, false))`,
  'on-time': `(c.replied_at IS NOT NULL OR COALESCE(c.due_at < ${AS_OF}, false))`,
  resolution: `(fb.case_id IS NOT NULL)`,
  satisfaction: `(fb.case_id IS NOT NULL)`,
};

/** Which of the counted cases met the measure (its numerator). Never NULL. */
const MET: Record<RateMeasure, string> = {
  response: `(c.accepted_at IS NOT NULL AND (c.first_response_due_at IS NULL OR c.accepted_at <= c.first_response_due_at))`,
  'on-time': `(c.replied_at IS NOT NULL AND (c.due_at IS NULL OR c.replied_at <= c.due_at))`,
  resolution: `(fb.case_id IS NOT NULL AND fb.resolved IS NOT DISTINCT FROM 'resolved')`,
  satisfaction: `(fb.case_id IS NOT NULL AND fb.satisfaction IN ('satisfied', 'basically_satisfied'))`,
};

/** The plain counts. Never NULL. */
const COUNT_OF: Record<CountMeasure, string> = {
  received: `true`,
  breached: `(c.sla_breached_for IS NOT NULL)`,
  overdue: `(${OPEN} AND COALESCE(c.due_at < ${AS_OF}, false))`,
  open: `(${OPEN})`,
  extended: `(c.extended_days > 0)`,
  reopened: `(c.reopen_count > 0)`,
};

/** The whitelisted group expressions (the only SQL that depends on the request). */
const GROUP_KEY: Record<MetricsGrouping, string> = {
  department: `c.department_code`,
  channel: `c.channel`,
  month: `to_char(c.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`,
  week: `to_char(c.received_at AT TIME ZONE 'Asia/Shanghai', 'IYYY-"W"IW')`,
};

/** Order of the groups: units (departments before street offices) by code; channels in their order. */
const GROUP_ORDER: Record<MetricsGrouping, string> = {
  department: `(g.group_key IS NULL), d.kind, g.group_key`,
  channel: `array_position(ARRAY['hotline', 'board', 'portal', 'open311'], g.group_key), g.group_key`,
  month: `g.group_key`,
  week: `g.group_key`,
};

/**
 * The rows every measure reads: the case `c`, the as-of time `n.as_of` ($1), and the latest follow-up
 * result that reached the citizen `fb` (all NULL when there is none).
 */
const CASES = `case_record c
  CROSS JOIN (SELECT $1::timestamptz AS as_of) n
  LEFT JOIN LATERAL (
    SELECT f.case_id, f.resolved, f.satisfaction FROM case_feedback f
    WHERE f.case_id = c.id AND f.reached
    ORDER BY f.visited_at DESC, f.id DESC LIMIT 1
  ) fb ON true`;

interface AggregateRow {
  group_key: string | null;
  is_total: number;
  label: string | null;
  received: number;
  response_n: number;
  response_d: number;
  on_time_n: number;
  on_time_d: number;
  resolution_n: number;
  resolution_d: number;
  satisfaction_n: number;
  satisfaction_d: number;
  replied: number;
  avg_handling_hours: number | null;
  breached: number;
  open: number;
  overdue: number;
  extended: number;
  reopened: number;
}

const count = (sql: string) => `count(*) FILTER (WHERE ${sql})::int`;

/** The aggregate columns of `report`, one FILTER per numerator and denominator. */
const AGGREGATES = [
  'count(*)::int AS received',
  ...(
    [
      ['response', 'response'],
      ['on_time', 'on-time'],
      ['resolution', 'resolution'],
      ['satisfaction', 'satisfaction'],
    ] as const
  ).flatMap(([col, m]) => [
    `${count(`${COUNTED[m]} AND ${MET[m]}`)} AS ${col}_n`,
    `${count(COUNTED[m])} AS ${col}_d`,
  ]),
  `${count('c.replied_at IS NOT NULL')} AS replied`,
  `(avg(extract(epoch FROM c.replied_at - c.received_at)) FILTER (WHERE c.replied_at IS NOT NULL) / 3600)::float8
     AS avg_handling_hours`,
  ...(['breached', 'open', 'overdue', 'extended', 'reopened'] as const).map(
    (m) => `${count(COUNT_OF[m])} AS ${m}`,
  ),
].join(',\n                ');

function rate(numerator: number, denominator: number): Rate {
  return {
    numerator,
    denominator,
    rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000,
  };
}

function measures(r: AggregateRow): Measures {
  return {
    received: r.received,
    response: rate(r.response_n, r.response_d),
    onTime: rate(r.on_time_n, r.on_time_d),
    resolution: rate(r.resolution_n, r.resolution_d),
    satisfaction: rate(r.satisfaction_n, r.satisfaction_d),
    avgHandlingHours:
      r.avg_handling_hours === null ? null : Math.round(Number(r.avg_handling_hours) * 100) / 100,
    replied: r.replied,
    breached: r.breached,
    open: r.open,
    overdue: r.overdue,
    extended: r.extended,
    reopened: r.reopened,
  };
}

const EMPTY: AggregateRow = {
  group_key: null,
  is_total: 1,
  label: null,
  received: 0,
  response_n: 0,
  response_d: 0,
  on_time_n: 0,
  on_time_d: 0,
  resolution_n: 0,
  resolution_d: 0,
  satisfaction_n: 0,
  satisfaction_d: 0,
  replied: 0,
  avg_handling_hours: null,
  breached: 0,
  open: 0,
  overdue: 0,
  extended: 0,
  reopened: 0,
};

function groupLabel(grouping: MetricsGrouping, key: string | null, unitName: string | null): string {
  switch (grouping) {
    case 'department':
      return key === null ? UNASSIGNED_LABEL : (unitName ?? key);
    case 'channel':
      return (key && CHANNEL_LABELS[key]) ?? key ?? '';
    case 'month': {
      const [y, m] = (key ?? '').split('-');
      return `${y}年${Number(m)}月`;
    }
    case 'week': {
      const [y, w] = (key ?? '').split('-W');
      return `${y}年第${Number(w)}周`;
    }
  }
}

/** Read side of the measures (SQL only; the HTTP adapter decides access and formats). */
export class MetricsQueries {
  constructor(private readonly db: DataSource) {}

  /**
   * The measures of every group and of the whole selection, in one statement
   * (`GROUPING SETS ((key), ())`). Only groups with at least one case appear.
   */
  async report(grouping: MetricsGrouping, f: MetricsFilter): Promise<MetricsReport> {
    const { where, params } = this.where(f);
    const key = GROUP_KEY[grouping];
    const byUnit = grouping === 'department';
    const rows = await this.db.query<AggregateRow[]>(
      `WITH g AS (
         SELECT ${key} AS group_key, GROUPING(${key}) AS is_total,
                ${AGGREGATES}
         FROM ${CASES}
         WHERE ${where}
         GROUP BY GROUPING SETS ((${key}), ())
       )
       SELECT g.*, ${byUnit ? 'd.name' : 'NULL::text'} AS label
       FROM g LEFT JOIN department d ON ${byUnit ? 'd.code = g.group_key' : 'false'}
       ORDER BY g.is_total DESC, ${GROUP_ORDER[grouping]}`,
      params,
    );
    const total = rows.find((r) => r.is_total === 1) ?? EMPTY;
    return {
      total: measures(total),
      groups: rows
        .filter((r) => r.is_total === 0)
        .map((r) => ({
          key: r.group_key,
          label: groupLabel(grouping, r.group_key, r.label),
          ...measures(r),
        })),
    };
  }

  /** The cases behind one number, newest first, with their total. */
  async cases(f: MetricsCasesFilter): Promise<{ items: MetricsCaseRow[]; total: number }> {
    const { where, params } = this.where(f, this.drillPredicate(f.measure, f.outcome));
    const from = `FROM ${CASES} WHERE ${where}`;
    const [{ total }] = await this.db.query<{ total: number }[]>(
      `SELECT count(*)::int AS total ${from}`,
      params,
    );
    const items = await this.db.query<MetricsCaseRow[]>(
      `SELECT c.id, c.channel, c.external_ref AS "externalRef", c.department_code AS "departmentCode", c.status,
              c.received_at AS "receivedAt", c.first_response_due_at AS "firstResponseDueAt", c.due_at AS "dueAt",
              c.accepted_at AS "acceptedAt", c.replied_at AS "repliedAt", c.title
       ${from}
       ORDER BY c.received_at DESC, c.id
       OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, f.offset, f.limit],
    );
    return { items, total };
  }

  private drillPredicate(measure: DrillMeasure, outcome: Outcome | undefined): string {
    if ((RATE_MEASURES as readonly string[]).includes(measure)) {
      const m = measure as RateMeasure;
      if (outcome === 'met') return `${COUNTED[m]} AND ${MET[m]}`;
      if (outcome === 'missed') return `${COUNTED[m]} AND NOT ${MET[m]}`;
      return COUNTED[m];
    }
    return COUNT_OF[measure as CountMeasure];
  }

  /** The selection every measure shares, parameterised ($1 = asOf, then the filters; never user text in SQL). */
  private where(f: MetricsFilter, extra?: string): { where: string; params: unknown[] } {
    const params: unknown[] = [f.asOf];
    const where = [`c.status <> 'merged'`];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    add('c.received_at >= ?', f.from);
    add('c.received_at < ?', f.to);
    if (f.channel) add('c.channel = ?', f.channel);
    if (f.department) add('c.department_code = ?', f.department);
    if (f.departmentScope) add('c.department_code = ANY(?::text[])', f.departmentScope);
    if (extra) where.push(extra);
    return { where: where.join(' AND '), params };
  }
}
