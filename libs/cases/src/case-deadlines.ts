import { type Channel } from '@hub/contracts';
import {
  computeDeadlines,
  type ComputedDeadline,
  DEFAULT_DEADLINE_POLICY,
  DeadlineError,
  deadlineFromJSON,
  type DeadlinePolicy,
  extendDeadline,
  rehandlingDeadline,
  toJSON,
  WorkCalendar,
  type CalendarOverride,
} from '@hub/deadlines';
import { type CaseState, type DeadlineUpdate, WorkflowError, type WorkflowDeadlines } from './workflow';

/** The deadlines of a new case: 签收 (first response) and 答复 (answer), with how each was computed. */
export interface OpeningDeadlines {
  firstResponseDueAt: Date;
  answer: DeadlineUpdate;
  /** Stored on the case (`deadlines` jsonb) and shown to staff. */
  explanation: { firstResponse: object; answer: object };
}

function update(d: ComputedDeadline): DeadlineUpdate {
  return { dueAt: d.dueAt, warnAt: d.warnAt, explanation: toJSON(d) };
}

/**
 * The deadline rules of the case workflow on the Chinese working-day calendar (`@hub/deadlines`):
 * the calendar is built once per process and shared, every computation is pure and fast.
 */
export class CaseDeadlines implements WorkflowDeadlines {
  constructor(
    private readonly calendar: WorkCalendar,
    private readonly policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
  ) {}

  forNewCase(c: {
    channel: Channel;
    kind: string | null;
    urgency: string;
    receivedAt: Date;
    sourceDueAt: Date | null;
  }): OpeningDeadlines {
    const d = computeDeadlines(
      {
        channel: c.channel,
        kind: c.kind,
        urgency: c.urgency === 'urgent' ? 'urgent' : 'normal',
        receivedAt: c.receivedAt,
        sourceDueAt: c.sourceDueAt,
      },
      this.calendar,
      this.policy,
    );
    return {
      firstResponseDueAt: d.firstResponse.dueAt,
      answer: update(d.answer),
      explanation: { firstResponse: toJSON(d.firstResponse), answer: toJSON(d.answer) },
    };
  }

  extend(state: CaseState, workingDays: number): DeadlineUpdate {
    if (!state.answerDeadline)
      throw new WorkflowError('conflict', 'request-extension: the case has no computed deadline to extend');
    try {
      return update(
        extendDeadline(deadlineFromJSON(state.answerDeadline), workingDays, this.calendar, this.policy),
      );
    } catch (e) {
      if (e instanceof DeadlineError)
        throw new WorkflowError(
          e.code === 'extension-over-cap' ? 'conflict' : 'invalid',
          `workingDays: ${e.message}`,
        );
      throw e;
    }
  }

  rehandle(at: Date): DeadlineUpdate {
    return update(rehandlingDeadline(at, this.calendar, this.policy));
  }
}

/** The calendar overrides from configuration (`HUB_CALENDAR_OVERRIDES`); throws naming the bad entry. */
export function parseCalendarOverrides(text: string): CalendarOverride[] {
  if (!text.trim()) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('HUB_CALENDAR_OVERRIDES: is not JSON');
  }
  if (!Array.isArray(value)) throw new Error('HUB_CALENDAR_OVERRIDES: must be a JSON array');
  return value.map((v: unknown, i) => {
    const o = (v ?? {}) as Record<string, unknown>;
    if (typeof o.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(o.date)) {
      throw new Error(`HUB_CALENDAR_OVERRIDES[${i}].date: must be YYYY-MM-DD`);
    }
    if (o.kind !== 'workday' && o.kind !== 'holiday') {
      throw new Error(`HUB_CALENDAR_OVERRIDES[${i}].kind: must be workday or holiday`);
    }
    return { date: o.date, kind: o.kind, ...(typeof o.name === 'string' ? { name: o.name } : {}) };
  });
}

/** The working-day calendar of a process: the package's data plus the configured overrides. */
export function caseDeadlinesFromConfig(config: { HUB_CALENDAR_OVERRIDES: string }): CaseDeadlines {
  return new CaseDeadlines(
    WorkCalendar.chinese({ overrides: parseCalendarOverrides(config.HUB_CALENDAR_OVERRIDES) }),
  );
}
