/**
 * `npm run bench -- deadlines`: speed of the deadline engine (@hub/deadlines) on 200,000 varied inputs
 * (receipts over 2025–2026 at any hour, every channel, kinds, urgency, source due times), beside a naive
 * engine measured in the same run on fewer inputs: it walks minute by minute and asks `chinese-days`'
 * isWorkday about every minute, without caching. Both must agree on every deadline they both computed.
 * Offline: no services needed.
 */
import { isWorkday } from 'chinese-days';
import {
  type ComputedDeadlines,
  computeDeadlines,
  DEFAULT_DEADLINE_POLICY,
  type DeadlineInput,
  type DeadlineRule,
  extendDeadline,
  toJSON,
  WorkCalendar,
} from '@hub/deadlines';

const INPUTS = 200_000;
/** How long the naive engine runs (BENCH_NAIVE_MS to check agreement on more inputs). */
const NAIVE_MS = Number(process.env['BENCH_NAIVE_MS'] ?? 3000);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CHINA = 8 * HOUR;

/** mulberry32: the same inputs every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Receipts on whole minutes from 2025-01-01 to 2026-11-30 China time; 60% hotline, 20% board, 10% each. */
function makeInputs(n: number): DeadlineInput[] {
  const random = seededRandom(20260930);
  const from = Date.parse('2025-01-01T00:00:00+08:00');
  const minutes = (Date.parse('2026-12-01T00:00:00+08:00') - from) / MINUTE;
  const kinds = ['consultation', 'help', 'complaint', 'suggestion', 'report', null];
  return Array.from({ length: n }, (): DeadlineInput => {
    const receivedAt = new Date(from + Math.floor(random() * minutes) * MINUTE);
    const r = random();
    const channel = r < 0.6 ? 'hotline' : r < 0.8 ? 'board' : r < 0.9 ? 'portal' : 'open311';
    const kind = kinds[Math.floor(random() * kinds.length)] ?? null;
    const urgency = channel === 'hotline' && random() < 0.05 ? 'urgent' : 'normal';
    const withSource = (channel === 'hotline' && random() < 0.3) || (channel === 'portal' && random() < 0.7);
    const sourceDueAt = withSource
      ? new Date(receivedAt.getTime() + Math.floor(1 + random() * 20 * 24 * 60) * MINUTE)
      : null;
    return {
      channel,
      kind: channel === 'hotline' ? (kind ?? 'complaint') : kind,
      urgency,
      receivedAt,
      sourceDueAt,
    };
  });
}

/** Calls per second of `fn` over `items`, for at least `ms` (after one warm-up pass). */
function throughput<T>(fn: (item: T) => unknown, items: readonly T[], ms = 2000): number {
  for (const item of items.slice(0, 20_000)) fn(item);
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (const item of items) fn(item);
    n += items.length;
  }
  return n / ((performance.now() - t0) / 1000);
}

// The naive engine: same rules, no precomputation, a minute at a time.

function isWorkingMinute(ms: number): boolean {
  const china = new Date(ms + CHINA);
  const noonUtc = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate(), 12);
  if (!isWorkday(new Date(noonUtc))) return false;
  const m = china.getUTCHours() * 60 + china.getUTCMinutes();
  return (m >= 540 && m < 720) || (m >= 810 && m < 1050);
}

/** Adds `workMs` of office time from `from`, clamped forward first; a whole-minute walk plus the rest. */
function naiveAdd(from: number, workMs: number): number {
  let t = from;
  while (!isWorkingMinute(t)) t = Math.floor(t / MINUTE) * MINUTE + MINUTE;
  for (let left = Math.floor(workMs / MINUTE); left > 0; t += MINUTE) if (isWorkingMinute(t)) left--;
  const rest = workMs % MINUTE;
  if (rest > 0) {
    while (!isWorkingMinute(t)) t += MINUTE;
    t += rest;
  }
  return t;
}

function naiveMinutesBetween(a: number, b: number): number {
  let n = 0;
  for (let t = a; t < b; t += MINUTE) if (isWorkingMinute(t)) n++;
  return n;
}

interface Naive {
  due: number;
  warn: number;
}

function naiveRule(rule: DeadlineRule, received: number, cap?: number): Naive {
  const f = DEFAULT_DEADLINE_POLICY.warnFraction;
  if (rule.unit === 'clock-hours') {
    const due = Math.min(received + rule.amount * HOUR, cap ?? Infinity);
    return { due, warn: due > received ? received + Math.round((due - received) * f) : due };
  }
  const start = naiveAdd(received, 0);
  let allowed = rule.amount * 420 * MINUTE;
  let due = naiveAdd(start, allowed);
  if (cap !== undefined && cap < due) {
    due = cap;
    allowed = naiveMinutesBetween(start, due) * MINUTE;
    if (allowed <= 0)
      return { due, warn: due > received ? received + Math.round((due - received) * f) : due };
  }
  return { due, warn: allowed > 0 ? naiveAdd(start, Math.round(allowed * f)) : due };
}

function naiveDeadlines(input: DeadlineInput): { first: Naive; answer: Naive } {
  const c = DEFAULT_DEADLINE_POLICY.channels[input.channel];
  const f = DEFAULT_DEADLINE_POLICY.warnFraction;
  const received = input.receivedAt.getTime();
  let answer: Naive;
  if (c.sourceDueAtWins && input.sourceDueAt) {
    const due = input.sourceDueAt.getTime();
    answer = { due, warn: due > received ? received + Math.round((due - received) * f) : due };
  } else {
    const byKind = input.kind && c.answerByKind ? c.answerByKind[input.kind] : undefined;
    answer = naiveRule(
      input.urgency === 'urgent' && c.urgentAnswer ? c.urgentAnswer : (byKind ?? c.answer),
      received,
    );
  }
  const first = input.urgency === 'urgent' && c.urgentFirstResponse ? c.urgentFirstResponse : c.firstResponse;
  return { first: naiveRule(first, received, answer.due), answer };
}

function agrees(ours: ComputedDeadlines, naive: { first: Naive; answer: Naive }): boolean {
  return (
    ours.firstResponse.dueAt.getTime() === naive.first.due &&
    ours.firstResponse.warnAt.getTime() === naive.first.warn &&
    ours.answer.dueAt.getTime() === naive.answer.due &&
    ours.answer.warnAt.getTime() === naive.answer.warn
  );
}

function main(): void {
  let t0 = performance.now();
  const calendar = WorkCalendar.chinese();
  const buildMs = performance.now() - t0;
  const inputs = makeInputs(INPUTS);
  const count = (p: (i: DeadlineInput) => boolean): number => inputs.filter(p).length;
  process.stderr.write(
    `deadlines bench: ${INPUTS} inputs — hotline ${count((i) => i.channel === 'hotline')}, board ${count(
      (i) => i.channel === 'board',
    )}, portal ${count((i) => i.channel === 'portal')}, open311 ${count((i) => i.channel === 'open311')}; urgent ${count(
      (i) => i.urgency === 'urgent',
    )}; with source dueAt ${count((i) => i.sourceDueAt !== null)}\n`,
  );

  let sink = 0;
  const ours = throughput((i: DeadlineInput) => {
    sink += computeDeadlines(i, calendar).answer.dueAt.getTime();
  }, inputs);
  const withJson = throughput((i: DeadlineInput) => {
    const d = computeDeadlines(i, calendar);
    sink += JSON.stringify({ firstResponse: toJSON(d.firstResponse), answer: toJSON(d.answer) }).length;
  }, inputs);
  const instants = inputs.map((i) => i.receivedAt);
  const addDays = throughput((d: Date) => {
    sink += calendar.addWorkingDays(d, 5).getTime();
  }, instants);
  const between = throughput((d: Date) => {
    sink += calendar.workingMinutesBetween(d, new Date(d.getTime() + 9 * 24 * HOUR));
  }, instants);
  const answers = inputs
    .slice(0, 20_000)
    .map(
      (i) =>
        computeDeadlines({ ...i, sourceDueAt: null, urgency: 'normal', channel: 'board' }, calendar).answer,
    );
  const extend = throughput((d: (typeof answers)[number]) => {
    sink += extendDeadline(d, 3, calendar).dueAt.getTime();
  }, answers);

  // The naive engine, for 3 s, on the first inputs; every deadline both computed must be the same.
  let naiveCount = 0;
  let agreed = 0;
  t0 = performance.now();
  while (performance.now() - t0 < NAIVE_MS && naiveCount < inputs.length) {
    const input = inputs[naiveCount++];
    if (agrees(computeDeadlines(input, calendar), naiveDeadlines(input))) agreed++;
  }
  const naiveSeconds = (performance.now() - t0) / 1000;
  const naive = naiveCount / naiveSeconds;
  if (sink === 42) process.stderr.write('\n'); // keeps the results alive

  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  const rows = [
    `| measure (default calendar, chinese-days 1.5.7) | hub engine | naive baseline | ratio |`,
    '| --- | --- | --- | --- |',
    `| computeDeadlines (first response + answer), one core | ${n(ours)} /s (${INPUTS.toLocaleString('en-US')} inputs) | ${n(naive)} /s (${naiveCount} inputs) | ${n(ours / naive)}× |`,
    `| time per call | ${(1e6 / ours).toFixed(2)} µs | ${(1000 / naive).toFixed(1)} ms | |`,
    `| same dueAt and warnAt (both deadlines) as the naive engine | ${agreed} / ${naiveCount} | | |`,
    '',
    '| operation, one core | per second |',
    '| --- | --- |',
    `| computeDeadlines + toJSON of both + JSON.stringify | ${n(withJson)} |`,
    `| WorkCalendar.addWorkingDays(receipt, 5) | ${n(addDays)} |`,
    `| WorkCalendar.workingMinutesBetween(receipt, receipt + 9 days) | ${n(between)} |`,
    `| extendDeadline(board answer, 3) | ${n(extend)} |`,
    `| WorkCalendar.chinese() construction (once per process) | ${buildMs.toFixed(1)} ms |`,
  ];
  process.stdout.write(`${rows.join('\n')}\n`);
  if (agreed !== naiveCount) process.exitCode = 1;
}

main();
