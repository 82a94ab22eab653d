import { DeadlineError } from './deadline-error';

export const DEADLINE_CHANNELS = ['hotline', 'board', 'portal', 'open311'] as const;
export type DeadlineChannel = (typeof DEADLINE_CHANNELS)[number];

/**
 * One time limit: `working-days` count office time on the working calendar (see
 * `WorkCalendar.addWorkingDays`); `clock-hours` are plain elapsed time, nights and holidays included
 * (emergencies do not wait for office hours).
 */
export interface DeadlineRule {
  readonly amount: number;
  readonly unit: 'working-days' | 'clock-hours';
}

/** The limits of one channel. Kinds are the message kinds (consultation, help, complaint, suggestion, report). */
export interface ChannelPolicy {
  /** First response (签收 / 首次联系). */
  readonly firstResponse: DeadlineRule;
  /** First response for urgent messages; none = same as normal. */
  readonly urgentFirstResponse?: DeadlineRule;
  /** The answer (答复) for kinds not listed in `answerByKind`, and for messages without a kind. */
  readonly answer: DeadlineRule;
  readonly answerByKind?: Readonly<Record<string, DeadlineRule>>;
  /** The answer for urgent messages; none = by kind as normal. */
  readonly urgentAnswer?: DeadlineRule;
  /** Whether a due time set by the source (the municipal 12345 platform, the State Council portal) wins. */
  readonly sourceDueAtWins: boolean;
}

/**
 * Deadline rules as data, so administrators can change them: pass a modified copy to `computeDeadlines`
 * (`{ ...DEFAULT_DEADLINE_POLICY, extensionCapWorkingDays: 20 }`), and check one read from configuration
 * with {@link checkDeadlinePolicy}.
 */
export interface DeadlinePolicy {
  readonly channels: Readonly<Record<DeadlineChannel, ChannelPolicy>>;
  /** Re-handling after the citizen was dissatisfied (重办). */
  readonly rehandling: DeadlineRule;
  /** Extensions (延期): the answer may end at most this many working days after its start. */
  readonly extensionCapWorkingDays: number;
  /** The SLA warning goes out when this fraction of the allowed time has elapsed (0.8: a fifth remains). */
  readonly warnFraction: number;
}

export const workingDays = (amount: number): DeadlineRule => ({ amount, unit: 'working-days' });
export const clockHours = (amount: number): DeadlineRule => ({ amount, unit: 'clock-hours' });

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The design doc's defaults. 12345 hotline: 签收/first contact 1 working day (urgent 1 clock hour);
 * answer 1 working day for consultation and suggestion, 5 for help, complaint and report (and for a
 * missing or unknown kind), urgent 2 clock hours; the platform's `dueAt` wins. Message board and Open311:
 * answer 5 working days, first response 1. State Council portal: the referral's `dueAt`, else 15 working
 * days; first response 1. 重办 3 working days; 延期 up to 15 working days in total; warning at 80%.
 */
export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = deepFreeze({
  channels: {
    hotline: {
      firstResponse: workingDays(1),
      urgentFirstResponse: clockHours(1),
      answer: workingDays(5),
      answerByKind: {
        consultation: workingDays(1),
        suggestion: workingDays(1),
        help: workingDays(5),
        complaint: workingDays(5),
        report: workingDays(5),
      },
      urgentAnswer: clockHours(2),
      sourceDueAtWins: true,
    },
    board: { firstResponse: workingDays(1), answer: workingDays(5), sourceDueAtWins: false },
    portal: { firstResponse: workingDays(1), answer: workingDays(15), sourceDueAtWins: true },
    open311: { firstResponse: workingDays(1), answer: workingDays(5), sourceDueAtWins: false },
  },
  rehandling: workingDays(3),
  extensionCapWorkingDays: 15,
  warnFraction: 0.8,
});

type Problems = string[];

function checkRule(v: unknown, at: string, problems: Problems): void {
  const r = v as Partial<DeadlineRule> | null;
  if (typeof r !== 'object' || r === null) {
    problems.push(`${at}: must be { amount, unit }`);
    return;
  }
  if (typeof r.amount !== 'number' || !Number.isFinite(r.amount) || r.amount <= 0) {
    problems.push(`${at}.amount: must be a number > 0`);
  }
  if (r.unit !== 'working-days' && r.unit !== 'clock-hours') {
    problems.push(`${at}.unit: must be working-days or clock-hours`);
  }
}

function checkChannel(v: unknown, at: string, problems: Problems): void {
  const c = v as Partial<Record<keyof ChannelPolicy, unknown>> | null;
  if (typeof c !== 'object' || c === null) {
    problems.push(`${at}: missing`);
    return;
  }
  checkRule(c.firstResponse, `${at}.firstResponse`, problems);
  checkRule(c.answer, `${at}.answer`, problems);
  if (c.urgentFirstResponse !== undefined)
    checkRule(c.urgentFirstResponse, `${at}.urgentFirstResponse`, problems);
  if (c.urgentAnswer !== undefined) checkRule(c.urgentAnswer, `${at}.urgentAnswer`, problems);
  if (c.answerByKind !== undefined) {
    if (typeof c.answerByKind !== 'object' || c.answerByKind === null) {
      problems.push(`${at}.answerByKind: must be an object`);
    } else {
      for (const [kind, rule] of Object.entries(c.answerByKind)) {
        checkRule(rule, `${at}.answerByKind.${kind}`, problems);
      }
    }
  }
  if (typeof c.sourceDueAtWins !== 'boolean') problems.push(`${at}.sourceDueAtWins: must be true or false`);
}

/**
 * Checks a policy an administrator edited (e.g. read from JSON) and returns it typed; throws a
 * DeadlineError `invalid-policy` naming every problem. `computeDeadlines` does not check on each call.
 */
export function checkDeadlinePolicy(value: unknown): DeadlinePolicy {
  const problems: Problems = [];
  const p = value as Partial<Record<keyof DeadlinePolicy, unknown>> | null;
  if (typeof p !== 'object' || p === null) {
    throw new DeadlineError('invalid-policy', 'deadline policy: must be an object');
  }
  const channels = p.channels as Partial<Record<DeadlineChannel, unknown>> | undefined;
  if (typeof channels !== 'object' || channels === null) problems.push('channels: missing');
  else for (const ch of DEADLINE_CHANNELS) checkChannel(channels[ch], `channels.${ch}`, problems);
  checkRule(p.rehandling, 'rehandling', problems);
  const cap = p.extensionCapWorkingDays;
  if (typeof cap !== 'number' || !Number.isFinite(cap) || cap < 0) {
    problems.push('extensionCapWorkingDays: must be a number ≥ 0');
  }
  const warn = p.warnFraction;
  if (typeof warn !== 'number' || !(warn > 0 && warn < 1)) {
    problems.push('warnFraction: must be between 0 and 1 (exclusive)');
  }
  if (problems.length > 0) {
    throw new DeadlineError('invalid-policy', `deadline policy: ${problems.join('; ')}`, { problems });
  }
  return value as DeadlinePolicy;
}
