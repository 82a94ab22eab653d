import {
  chinaDay,
  civilFromDay,
  formatChina,
  formatChinaDate,
  HOUR_MS,
  MINUTE_MS,
  toChinaIso,
} from './china-time';
import { DeadlineError } from './deadline-error';
import {
  type ChannelPolicy,
  DEFAULT_DEADLINE_POLICY,
  type DeadlineChannel,
  type DeadlinePolicy,
  type DeadlineRule,
} from './deadline-policy';
import { type CalendarCoverage, type NotableDays, type WorkCalendar } from './work-calendar';

/** `working`: office time on the working calendar; `clock`: elapsed time, nights and holidays included. */
export type Clock = 'working' | 'clock';

export interface DeadlineInput {
  channel: DeadlineChannel;
  /** consultation, help, complaint, suggestion, report (咨询/求助/投诉/建议/举报), or null. */
  kind: string | null;
  urgency: 'normal' | 'urgent';
  receivedAt: Date;
  /** The due time the source set (12345 platform `dueAt`, portal 办理时限), if any. */
  sourceDueAt: Date | null;
}

/**
 * One computed time limit, with how it was computed, for staff to see. Plain data: stored on the case as
 * jsonb through {@link toJSON} and read back with {@link deadlineFromJSON}.
 */
export interface ComputedDeadline {
  dueAt: Date;
  /** When the SLA warning goes out: `warnFraction` (80%) of the allowed time has elapsed. */
  warnAt: Date;
  /** When the clock started: the receipt clamped forward to office hours for working rules, else the receipt. */
  startedAt: Date;
  /** `hotline.complaint: 5 working days`, `hotline.urgent: 2 clock hours`, `source dueAt`, … + 延期. */
  rule: string;
  clock: Clock;
  /** Working days or clock hours allowed from `startedAt` (for `source`: the clock hours the source gave). */
  amount: number;
  unit: 'working-days' | 'clock-hours' | 'source';
  /** The steps, each in Chinese and English. */
  explanation: string[];
  /** Worst coverage of the years the working-time computation touched; null for clock time. */
  calendarCoverage: CalendarCoverage | null;
  /** Extensions (延期) granted so far, working days each, in order. */
  extensions: number[];
}

export interface ComputedDeadlines {
  /** 签收 / 首次联系: never later than the answer. */
  firstResponse: ComputedDeadline;
  answer: ComputedDeadline;
}

/** What started the clock, for the explanation: 受理 (receipt) or 重办 (re-handling ordered). */
interface Trigger {
  zh: string;
  en: string;
}

const RECEIPT: Trigger = { zh: '受理', en: 'received' };
const REHANDLING: Trigger = { zh: '重办', en: 're-handling ordered' };

function plural(amount: number, unit: string): string {
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

function ruleText(key: string, rule: DeadlineRule): string {
  return `${key}: ${plural(rule.amount, rule.unit === 'working-days' ? 'working day' : 'clock hour')}`;
}

/** Rule lines per rule object (policies are long-lived data): explanations are built on every call. */
const RULE_LINES = new WeakMap<DeadlineRule, RuleLine>();

interface RuleLine {
  key: string;
  amount: number;
  unit: DeadlineRule['unit'];
  dayMinutes: number;
  /** `hotline.complaint: 5 working days` */
  text: string;
  /** The first line of the explanation. */
  line: string;
}

function ruleLine(key: string, rule: DeadlineRule, calendar: WorkCalendar): RuleLine {
  const c = RULE_LINES.get(rule);
  const dayMinutes = calendar.workingDayMinutes;
  if (c && c.key === key && c.amount === rule.amount && c.unit === rule.unit && c.dayMinutes === dayMinutes) {
    return c;
  }
  const fresh: RuleLine = {
    key,
    amount: rule.amount,
    unit: rule.unit,
    dayMinutes,
    text: ruleText(key, rule),
    line: buildRuleLine(key, rule, calendar),
  };
  RULE_LINES.set(rule, fresh);
  return fresh;
}

function buildRuleLine(key: string, rule: DeadlineRule, calendar: WorkCalendar): string {
  const text = ruleText(key, rule);
  if (rule.unit === 'clock-hours') return `规则 ${key}：${rule.amount} 小时 (rule ${text})`;
  const hours = round2(calendar.workingDayMinutes / 60);
  return `规则 ${key}：${rule.amount} 个工作日，每个工作日按 ${hours} 小时办公时间计 (rule ${text}; a working day is ${hours} h of office time)`;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const percent = (fraction: number): string => `${round2(fraction * 100)}%`;

function dateRange(run: NotableDays): string {
  return run.from === run.to ? run.from : `${run.from} 至 ${run.to}`;
}

function notableLine(run: NotableDays): string {
  const name = run.name ? ` ${run.name}` : '';
  switch (run.reason) {
    case 'holiday':
      return `${dateRange(run)}${name} 放假，不计时 (public holiday, not counted)`;
    case 'makeup-workday':
      return `${dateRange(run)} 调休上班${name}，计入工作日 (make-up working day, counted)`;
    case 'override-workday':
      return `${dateRange(run)} 管理员设定为工作日${name}，计入 (working day set by an administrator, counted)`;
    case 'override-holiday':
      return `${dateRange(run)} 管理员设定为非工作日${name}，不计时 (day off set by an administrator, not counted)`;
  }
}

function whyOutside(calendar: WorkCalendar, ms: number): { zh: string; en: string } {
  const position = calendar.officePositionMs(ms);
  switch (position) {
    case 'office-hours':
      return { zh: '在工作时间内', en: 'during office hours' };
    case 'before-hours':
      return { zh: '在上班前', en: 'before office hours' };
    case 'break':
      return { zh: '在午间休息时间', en: 'during the lunch break' };
    case 'after-hours':
      return { zh: '在下班后', en: 'after office hours' };
    case 'non-working-day': {
      const day = calendar.dayKind(new Date(ms));
      const name = day.name ? ` ${day.name}` : '';
      const zh =
        day.reason === 'weekend' ? '周末' : day.reason === 'holiday' ? '法定节假日' : '管理员设定的非工作日';
      const en =
        day.reason === 'weekend' ? 'weekend' : day.reason === 'holiday' ? 'public holiday' : 'day off';
      return { zh: `为非工作日（${zh}${name}）`, en: `on a non-working day (${en}${name})` };
    }
  }
}

function startLine(calendar: WorkCalendar, trigger: Trigger, receivedMs: number, startMs: number): string {
  if (startMs === receivedMs) {
    return `${trigger.zh} ${formatChina(receivedMs)} 在工作时间内，立即起算 (${trigger.en} during office hours; the clock starts at once)`;
  }
  const why = whyOutside(calendar, receivedMs);
  return `${trigger.zh} ${formatChina(receivedMs)} ${why.zh}，从 ${formatChina(startMs)} 起算 (${trigger.en} ${why.en}; counting from the next office period)`;
}

function coverageLines(calendar: WorkCalendar, fromMs: number, toMs: number): string[] {
  const first = civilFromDay(chinaDay(fromMs)).year;
  const last = civilFromDay(chinaDay(toMs)).year;
  const lines: string[] = [];
  for (let year = first; year <= last; year++) {
    const c = calendar.yearCoverage(year);
    if (c === 'overrides') {
      lines.push(
        `${year} 年不在 chinese-days 节假日数据中，按管理员设定的日期加周一至周五计算 (calendarCoverage: overrides — ${year} is not in the chinese-days data; administrator overrides plus Mon–Fri)`,
      );
    } else if (c === 'weekdays-only') {
      lines.push(
        `${year} 年暂无节假日安排数据，按周一至周五计算，请管理员补充 (calendarCoverage: weekdays-only — no holiday arrangement for ${year}; plain Mon–Fri until administrators add overrides)`,
      );
    }
  }
  return lines;
}

function worseCoverage(a: CalendarCoverage | null, b: CalendarCoverage): CalendarCoverage {
  if (a === null || a === b) return b;
  return a === 'weekdays-only' || b === 'weekdays-only' ? 'weekdays-only' : 'overrides';
}

function pushDueLines(lines: string[], dueMs: number, warnMs: number, fraction: number): string[] {
  const pct = percent(fraction);
  lines.push(
    `到期 ${formatChina(dueMs)} (due)`,
    `预警 ${formatChina(warnMs)}：已用去时限的 ${pct} (SLA warning when ${pct} of the allowed time has elapsed)`,
  );
  return lines;
}

/**
 * The working-time part of an explanation: holidays skipped and 调休 days counted from `fromMs` to
 * `dueMs` (working days before the clock started are left out), then the coverage warning if any.
 */
function pushCalendarLines(
  lines: string[],
  calendar: WorkCalendar,
  fromMs: number,
  startMs: number,
  dueMs: number,
  coverage: CalendarCoverage,
): void {
  const runs = calendar.notableDaysMs(fromMs, dueMs);
  if (runs.length > 0) {
    const startDate = formatChinaDate(chinaDay(startMs));
    for (const run of runs) {
      if (run.reason.endsWith('holiday') || run.to >= startDate) lines.push(notableLine(run));
    }
  }
  if (coverage !== 'chinese-days') lines.push(...coverageLines(calendar, fromMs, dueMs));
}

/** A deadline from a rule, starting at `fromMs`; never later than `capMs` when given. */
function fromRule(
  key: string,
  rule: DeadlineRule,
  fromMs: number,
  trigger: Trigger,
  calendar: WorkCalendar,
  policy: DeadlinePolicy,
  capMs?: number,
): ComputedDeadline {
  const fraction = policy.warnFraction;
  const { text, line } = ruleLine(key, rule, calendar);
  const explanation = [line];
  if (rule.unit === 'clock-hours') {
    let dueMs = fromMs + rule.amount * HOUR_MS;
    explanation.push(
      `${trigger.zh} ${formatChina(fromMs)} 起按自然时间计 ${rule.amount} 小时，不等工作时间 (${trigger.en}; ${plural(rule.amount, 'clock hour')}, nights and holidays included)`,
    );
    if (capMs !== undefined && capMs < dueMs) {
      dueMs = capMs;
      explanation.push(CAPPED);
    }
    const warnMs = dueMs > fromMs ? fromMs + Math.round((dueMs - fromMs) * fraction) : dueMs;
    pushDueLines(explanation, dueMs, warnMs, fraction);
    return deadline(
      { dueMs, warnMs, startMs: fromMs, rule: text, clock: 'clock', amount: rule.amount },
      explanation,
    );
  }
  const startMs = calendar.nextWorkingMs(fromMs);
  let allowed = rule.amount * calendar.workingDayMinutes * MINUTE_MS;
  let dueMs = calendar.addWorkingMs(startMs, allowed);
  explanation.push(startLine(calendar, trigger, fromMs, startMs));
  if (capMs !== undefined && capMs < dueMs) {
    dueMs = capMs;
    allowed = calendar.workingMsBetween(startMs, dueMs);
    explanation.push(CAPPED);
    if (allowed <= 0) {
      // The answer is due before the next office period: no office time at all, so clock time it is.
      explanation.push(CAPPED_CLOCK);
      const warnMs = dueMs > fromMs ? fromMs + Math.round((dueMs - fromMs) * fraction) : dueMs;
      pushDueLines(explanation, dueMs, warnMs, fraction);
      return deadline(
        { dueMs, warnMs, startMs: fromMs, rule: text, clock: 'clock', amount: rule.amount, unit: rule.unit },
        explanation,
      );
    }
  }
  const warnMs = allowed > 0 ? calendar.addWorkingMs(startMs, allowed * fraction) : dueMs;
  const coverage = calendar.coverageBetweenMs(fromMs, dueMs);
  pushCalendarLines(explanation, calendar, fromMs, startMs, dueMs, coverage);
  pushDueLines(explanation, dueMs, warnMs, fraction);
  return deadline(
    { dueMs, warnMs, startMs, rule: text, clock: 'working', amount: rule.amount, coverage },
    explanation,
  );
}

const CAPPED = '不晚于答复时限 (capped at the answer deadline)';
const CAPPED_CLOCK =
  '答复时限早于下一个工作时段，按自然时间计 (the answer is due before the next office period: counted in clock time)';

interface Computed {
  dueMs: number;
  warnMs: number;
  startMs: number;
  rule: string;
  clock: Clock;
  amount: number;
  unit?: ComputedDeadline['unit'];
  coverage?: CalendarCoverage;
}

function deadline(c: Computed, explanation: string[]): ComputedDeadline {
  return {
    dueAt: new Date(c.dueMs),
    warnAt: new Date(c.warnMs),
    startedAt: new Date(c.startMs),
    rule: c.rule,
    clock: c.clock,
    amount: c.amount,
    unit: c.unit ?? (c.clock === 'working' ? 'working-days' : 'clock-hours'),
    explanation,
    calendarCoverage: c.coverage ?? null,
    extensions: [],
  };
}

/** The source's due time (clock time from receipt): warning at 80% of the time between them. */
function fromSource(receivedMs: number, sourceMs: number, fraction: number): ComputedDeadline {
  const span = sourceMs - receivedMs;
  const warnMs = span > 0 ? receivedMs + Math.round(span * fraction) : sourceMs;
  const explanation = [
    `来源平台给定办理时限 ${formatChina(sourceMs)}，优先于本地规则 (rule source dueAt: the source's due time wins over local rules)`,
    `受理 ${formatChina(receivedMs)} 起按自然时间计 (received; counted in clock time)`,
  ];
  if (span <= 0) explanation.push('来源时限不晚于受理时间 (the source due time is not after the receipt)');
  pushDueLines(explanation, sourceMs, warnMs, fraction);
  const amount = round2(span / HOUR_MS);
  return deadline(
    {
      dueMs: sourceMs,
      warnMs,
      startMs: receivedMs,
      rule: 'source dueAt',
      clock: 'clock',
      amount,
      unit: 'source',
    },
    explanation,
  );
}

function answerRule(
  channel: DeadlineChannel,
  c: ChannelPolicy,
  input: DeadlineInput,
): [string, DeadlineRule] {
  if (input.urgency === 'urgent' && c.urgentAnswer) return [`${channel}.urgent`, c.urgentAnswer];
  const kind = input.kind?.trim().toLowerCase();
  if (kind && c.answerByKind && Object.hasOwn(c.answerByKind, kind)) {
    return [`${channel}.${kind}`, c.answerByKind[kind]];
  }
  return [`${channel}.answer`, c.answer];
}

function isDate(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

function checkInput(input: DeadlineInput, policy: DeadlinePolicy): ChannelPolicy {
  const c = Object.hasOwn(policy.channels, input.channel) ? policy.channels[input.channel] : undefined;
  if (!c) throw new DeadlineError('invalid-input', `unknown channel ${String(input.channel)}`);
  if (!isDate(input.receivedAt)) throw new DeadlineError('invalid-input', 'receivedAt must be a valid Date');
  if (input.sourceDueAt !== null && !isDate(input.sourceDueAt)) {
    throw new DeadlineError('invalid-input', 'sourceDueAt must be a valid Date or null');
  }
  if (input.urgency !== 'normal' && input.urgency !== 'urgent') {
    throw new DeadlineError(
      'invalid-input',
      `urgency must be normal or urgent, not ${String(input.urgency)}`,
    );
  }
  return c;
}

/**
 * The two time limits of a new case, from the channel's rules in `policy` (default
 * {@link DEFAULT_DEADLINE_POLICY}):
 *
 * - answer (答复): the source's `sourceDueAt` when the channel lets it win (12345 hotline, portal);
 *   else the urgent rule for urgent messages (hotline: 2 clock hours); else the rule for the kind; else
 *   the channel's default;
 * - first response (签收 / 首次联系): the channel's rule (hotline urgent: 1 clock hour), never later than
 *   the answer.
 *
 * Working-day rules start at the receipt clamped forward to office hours and count office time (see
 * `WorkCalendar.addWorkingDays`); clock-hour rules and source due times count elapsed time from the
 * receipt. `warnAt` is when `policy.warnFraction` of the allowed time, in the same clock, has elapsed.
 */
export function computeDeadlines(
  input: DeadlineInput,
  calendar: WorkCalendar,
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): ComputedDeadlines {
  const c = checkInput(input, policy);
  const receivedMs = input.receivedAt.getTime();
  let answer: ComputedDeadline;
  if (c.sourceDueAtWins && input.sourceDueAt) {
    answer = fromSource(receivedMs, input.sourceDueAt.getTime(), policy.warnFraction);
  } else {
    const [key, rule] = answerRule(input.channel, c, input);
    answer = fromRule(key, rule, receivedMs, RECEIPT, calendar, policy);
  }
  const urgentFirst = input.urgency === 'urgent' ? c.urgentFirstResponse : undefined;
  const firstResponse = fromRule(
    urgentFirst ? `${input.channel}.firstResponse.urgent` : `${input.channel}.firstResponse`,
    urgentFirst ?? c.firstResponse,
    receivedMs,
    RECEIPT,
    calendar,
    policy,
    answer.dueAt.getTime(),
  );
  return { firstResponse, answer };
}

/**
 * Re-handling after the citizen was dissatisfied (重办): `policy.rehandling` (3 working days) from the
 * instant the re-handling was ordered, clamped forward to office hours like a receipt.
 */
export function rehandlingDeadline(
  at: Date,
  calendar: WorkCalendar,
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): ComputedDeadline {
  if (!isDate(at)) throw new DeadlineError('invalid-input', 'the re-handling instant must be a valid Date');
  return fromRule('rehandling', policy.rehandling, at.getTime(), REHANDLING, calendar, policy);
}

/**
 * An extension (延期) of `workingDays` working days, counted from the current deadline (a deadline at
 * 17:30 extended by 2 ends at 17:30 two working days later). The extended deadline runs in working time
 * from the same `startedAt`; its warning is at `warnFraction` of the whole allowed working time, so it can
 * already be past when a late extension is granted. Throws a DeadlineError `extension-over-cap` when the
 * new deadline would end later than `extensionCapWorkingDays` (15) working days after `startedAt` —
 * `details.latestDueAt` and `details.maxMoreWorkingDays` say what is still possible — and
 * `invalid-extension` unless `workingDays` is a whole number ≥ 1.
 */
export function extendDeadline(
  current: ComputedDeadline,
  workingDays: number,
  calendar: WorkCalendar,
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): ComputedDeadline {
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new DeadlineError(
      'invalid-extension',
      `an extension is a whole number of working days ≥ 1, not ${workingDays}`,
    );
  }
  const dayMs = calendar.workingDayMinutes * MINUTE_MS;
  const startMs = current.startedAt.getTime();
  const oldDueMs = current.dueAt.getTime();
  const dueMs = calendar.addWorkingMs(oldDueMs, workingDays * dayMs);
  const cap = policy.extensionCapWorkingDays;
  const capMs = calendar.addWorkingMs(startMs, cap * dayMs);
  if (dueMs > capMs) {
    const maxMore = Math.max(0, Math.floor(calendar.workingMsBetween(oldDueMs, capMs) / dayMs));
    throw new DeadlineError(
      'extension-over-cap',
      `延期 ${workingDays} 个工作日将超过自 ${formatChina(startMs)} 起最多 ${cap} 个工作日的上限 (an extension of ${plural(workingDays, 'working day')} would end after ${formatChina(capMs)}, the cap of ${cap} working days; at most ${maxMore} more)`,
      { capWorkingDays: cap, latestDueAt: toChinaIso(new Date(capMs)), maxMoreWorkingDays: maxMore },
    );
  }
  const allowed = calendar.workingMsBetween(startMs, dueMs);
  const warnMs = calendar.addWorkingMs(startMs, allowed * policy.warnFraction);
  const coverage = calendar.coverageBetweenMs(oldDueMs, dueMs);
  const explanation = [
    ...current.explanation,
    `延期 ${workingDays} 个工作日，自原时限 ${formatChina(oldDueMs)} 起顺延至 ${formatChina(dueMs)}，自起算共不超过 ${cap} 个工作日 (extension of ${plural(workingDays, 'working day')} from the current deadline; at most ${cap} working days in total)`,
  ];
  pushCalendarLines(explanation, calendar, oldDueMs, oldDueMs, dueMs, coverage);
  pushDueLines(explanation, dueMs, warnMs, policy.warnFraction);
  return {
    dueAt: new Date(dueMs),
    warnAt: new Date(warnMs),
    startedAt: new Date(startMs),
    rule: `${current.rule} + 延期 ${plural(workingDays, 'working day')}`,
    clock: 'working',
    amount: round2(allowed / dayMs),
    unit: 'working-days',
    explanation,
    calendarCoverage: worseCoverage(current.calendarCoverage, coverage),
    extensions: [...current.extensions, workingDays],
  };
}
