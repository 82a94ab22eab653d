/**
 * `npm run bench -- pages [--cases 10000] [--runs 5] [--only …] [--keep-db]` — issue 7: "every page loads in under
 * a second with 10,000 cases in the database". tools/bench-hub.js starts a separate hub for it (port
 * 18091, database hub_test_pages, its own topic and index prefixes) and removes it afterwards
 * (`--keep-db` keeps the database for inspection). This bench:
 *
 * 1. Loads the cases straight into that hub's PostgreSQL in bulk (through the public API 10,000 would
 *    take minutes at the pipeline's ~130 messages/s). Texts are the triage corpus and the
 *    recurring-question test set with small variations and masked phones; received over the last 91
 *    days on every channel; routed by the hub's own router and active classifier; deadlines from the
 *    hub's deadline engine; then a simulated workflow (派单, 退单, 签收, 转办, 延期, 答复/审核, 回访, 办结,
 *    并案, 催办/督办, SLA warnings and breaches) with its timeline, replies, feedback, notifications and
 *    recurring-question clusters. The load time is printed and not counted. The search index is not
 *    filled: no page measured here calls /api/v1/search (the queue's text filter is `q` on
 *    /api/v1/cases, answered by PostgreSQL).
 * 2. Drives Debian's Chromium (playwright-core, headless, 1440×900), logged in per role through the
 *    login page (the web app keeps its session in sessionStorage; each cold run gets it in a new
 *    browser context, so nothing is cached), and measures for each main page, by the page's own clock,
 *    the time from navigation start until its main content is visible with its data (selectors that
 *    exist only once the data rendered, checked on every animation frame; a chart counts when it is in
 *    view), cold (new context) and warm (the same page again): p50 and p95, the 1-minute load average,
 *    and where the time went (index.html's first byte, scripts loaded, first API request, last API
 *    answer, from Navigation and Resource Timing; the renderer's CPU and the browser's and api's CPU).
 *    `--only queue,sla` measures only the pages whose label contains one of these.
 * 3. Measures same-run baselines: `/health` and a ~1 KB static asset in the same browser (the network
 *    and browser floor), the app with no data (`/login`), and each page's main API calls alone,
 *    fetched from node as the page fires them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type Browser, type CDPSession, chromium, type Page, type Request } from 'playwright-core';
import { keyTerms } from '@hub/clustering';
import {
  computeDeadlines,
  type ComputedDeadlines,
  deadlineFromJSON,
  extendDeadline,
  toJSON,
  WorkCalendar,
} from '@hub/deadlines';
import { type CaseSearchDocument, OpenSearchCaseSearch } from '@hub/search';
import { maskPhone } from '@hub/text';
import { type RoutingDecision, routeMessage, TextClassifier } from '@hub/triage';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The web app's sessionStorage key (apps/web/src/auth/session.store.ts). */
const SESSION_KEY = 'hub.session';
const LIMIT_MS = 1000;

interface Args {
  cases: number;
  runs: number;
  hubUrl: string;
  databaseUrl: string;
  searchUrl: string;
  indexPrefix: string;
  /** Only the pages whose label contains one of these (`--only queue,sla`); all when empty. */
  only: string[];
}

function parseArgs(): Args {
  const argv = process.argv.slice(2);
  const flag = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const cases = Number(flag('cases', process.env.BENCH_PAGES_CASES ?? '10000'));
  const runs = Number(flag('runs', process.env.BENCH_PAGES_RUNS ?? '5'));
  if (!Number.isInteger(cases) || cases < 100)
    throw new Error(`--cases must be an integer ≥ 100, not ${cases}`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not ${runs}`);
  return {
    cases,
    runs,
    hubUrl: process.env.BENCH_HUB_URL ?? 'http://127.0.0.1:18091',
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hub_test_pages',
    searchUrl: process.env.SEARCH_URL ?? 'http://127.0.0.1:9200',
    indexPrefix: process.env.SEARCH_INDEX_PREFIX ?? 'test-pages-',
    only: flag('only', '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

const log = (s: string) => process.stderr.write(`${s}\n`);

// ---------------------------------------------------------------------------------------------------
// 1. The data: 10,000 cases as the hub would have written them.
// ---------------------------------------------------------------------------------------------------

type Row = Record<string, unknown>;
type Channel = 'hotline' | 'board' | 'portal' | 'open311';

/** A seeded generator (mulberry32): the same data set every run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (lo: number, hi: number) => lo + next() * (hi - lo);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const weighted = <T>(xs: readonly (readonly [T, number])[]): T => {
    let x = next() * xs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of xs) if ((x -= w) < 0) return v;
    return xs[xs.length - 1][0];
  };
  /** Exponentially distributed with this mean (waiting times). */
  const exp = (mean: number) => -Math.log(1 - next()) * mean;
  return { next, between, pick, weighted, exp, chance: (p: number) => next() < p };
}

interface Template {
  title: string | null;
  content: string;
  /** The question it asks: the same group is the same recurring question (one cluster). */
  group: string;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(join(ROOT, path), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** The triage corpus (one question per example) and the recurring-question test set (its groups). */
function templates(): Template[] {
  const corpus = readJsonl<{ id: string; title?: string; content: string }>('libs/triage/data/corpus.jsonl');
  const recurring = readJsonl<{ id: string; title?: string; content: string; group: string }>(
    'libs/clustering/data/recurring.jsonl',
  );
  return [
    ...corpus.map((c) => ({ title: c.title ?? null, content: c.content, group: `corpus:${c.id}` })),
    ...recurring.map((r) => ({ title: r.title ?? null, content: r.content, group: `recurring:${r.group}` })),
  ];
}

interface Directory {
  units: { code: string; name: string; kind: string }[];
  streets: { code: string; name: string }[];
  policies: { id: string; docNo: string; title: string; drafterCode: string }[];
  classifier: { version: number; model: TextClassifier } | null;
}

async function readDirectory(db: Client): Promise<Directory> {
  const units = (
    await db.query<{ code: string; name: string; kind: string }>(
      `SELECT code, name, kind FROM department WHERE active ORDER BY code`,
    )
  ).rows;
  const policies = (
    await db.query<{ id: string; docNo: string; title: string; drafterCode: string }>(
      `SELECT id, doc_no AS "docNo", title, drafter_code AS "drafterCode" FROM policy`,
    )
  ).rows;
  const [model] = (
    await db.query<{ version: number; model: unknown }>(
      `SELECT version, model FROM classifier_model WHERE active`,
    )
  ).rows;
  return {
    units,
    streets: units.filter((u) => u.kind === 'street'),
    policies,
    classifier: model ? { version: model.version, model: TextClassifier.fromJSON(model.model) } : null,
  };
}

const CHANNELS: readonly (readonly [Channel, number])[] = [
  ['hotline', 70],
  ['board', 12],
  ['portal', 8],
  ['open311', 10],
];
const KINDS = [
  ['consultation', 35],
  ['complaint', 30],
  ['help', 15],
  ['suggestion', 15],
  ['report', 5],
] as const;
const OPEN311_SERVICES = ['noise', 'cooking-fumes', 'sanitation', 'roads', 'parking', 'housing'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const OPENERS = ['', '', '您好，', '你好，', '市民来电反映：', '来电人称：', '我是附近居民，'];
const CLOSERS = ['', '', '希望尽快处理。', '请相关部门核实处理。', '谢谢！', '望答复。'];
const STOCK_REPLIES = [
  '已安排工作人员现场核查，相关问题已责成责任单位限期整改，后续将持续跟踪。',
  '经核实，您反映的情况属实，我单位已会同属地街道进行处理，目前已整改完毕。',
  '您咨询的事项，可携带相关材料至区行政服务中心办理，具体要求可登录一网通办查询。',
  '您的建议已收悉，我们将在下一阶段工作中认真研究、统筹考虑。',
  '经调查，该情况不属于违规行为，已向您电话说明有关政策规定，感谢您的理解。',
];
const RETURN_REASON: Row = {
  reasonCode: 'not-our-remit',
  reason: '职能不符',
  comment: '该事项不属于本单位职责，请重新派单',
};

interface Simulated {
  messages: Row[];
  personal: Row[];
  cases: Row[];
  timeline: Row[];
  replies: Row[];
  feedback: Row[];
  clusters: Row[];
  members: Row[];
  sharedAnswers: Row[];
  notifications: Row[];
  /** The case with the long timeline (/cases/:id is measured on it), its unit. */
  longCase: { id: string; events: number; departmentCode: string };
  /** An ordinary open case of the same unit (the case page measured on it too). */
  typicalCase: { id: string; events: number };
}

/** The China calendar day (ms of its 00:00 UTC+8) and `h` hours into it. */
const chinaDayStart = (ms: number) => Math.floor((ms + 8 * HOUR) / DAY) * DAY - 8 * HOUR;

/** Generates `n` cases received over the 91 days before `now` with everything the hub keeps about them. */
function simulate(n: number, now: number, dir: Directory): Simulated {
  const rng = seeded(20261128);
  const calendar = WorkCalendar.chinese();
  const all = templates();
  // Some questions are asked far more often than others (Zipf-like weights over a shuffled order).
  const order = all.map((t) => ({ t, k: rng.next() })).sort((a, b) => a.k - b.k);
  const weightedTemplates = order.map(({ t }, i) => [t, 1 / Math.sqrt(i + 1)] as const);
  const departments = dir.units.filter((u) => u.kind === 'department').map((u) => u.code);
  const unitCodes = new Set(dir.units.map((u) => u.code));
  const threshold = 0.6;
  const policy = dir.policies[0];

  const out: Simulated = {
    messages: [],
    personal: [],
    cases: [],
    timeline: [],
    replies: [],
    feedback: [],
    clusters: [],
    members: [],
    sharedAnswers: [],
    notifications: [],
    longCase: { id: '', events: 0, departmentCode: '' },
    typicalCase: { id: '', events: 0 },
  };
  const receipts = Array.from({ length: n }, (_, i) => {
    // The last few arrive seconds before the bench starts; the rest over 91 days,
    // three quarters in the daytime.
    if (i >= n - 3) return now - rng.between(5, 60) * SECOND;
    const day = chinaDayStart(now - Math.floor(rng.next() * 91) * DAY);
    const t = day + (rng.chance(0.75) ? rng.between(8, 20) : rng.between(0, 24)) * HOUR;
    return t < now - 2 * MINUTE ? t : t - DAY;
  }).sort((a, b) => a - b);
  const byGroup = new Map<
    string,
    { id: string; unit: string | null; at: number; title: string | null; content: string }[]
  >();
  const trackingCodes = new Set<string>();
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const trackingCode = () => {
    for (;;) {
      const code = Array.from({ length: 12 }, () => rng.pick([...alphabet])).join('');
      if (!trackingCodes.has(code)) {
        trackingCodes.add(code);
        return code;
      }
    }
  };
  let seq = 0;
  // The long-timeline case: the first gov-office case received 30–60 days ago.
  let longPicked = false;

  for (const receivedMs of receipts) {
    seq++;
    const t = rng.weighted(weightedTemplates);
    const channel = rng.weighted(CHANNELS);
    const kind = channel === 'open311' ? rng.pick(['complaint', 'help'] as const) : rng.weighted(KINDS);
    const urgency = channel === 'hotline' && rng.chance(0.03) ? 'urgent' : 'normal';
    const street = channel === 'hotline' && rng.chance(0.6) ? rng.pick(dir.streets).name : null;
    const phone = rng.chance(0.35)
      ? `1${rng.pick(['3', '5', '8', '9'])}${String(Math.floor(rng.next() * 1e9)).padStart(9, '0')}`
      : null;
    const name =
      channel !== 'open311' && rng.chance(0.7)
        ? `${rng.pick([...SURNAMES])}${rng.pick(['先生', '女士'])}`
        : null;
    const phoneInText = phone !== null && rng.chance(0.4);
    const opener = channel === 'hotline' ? rng.pick(OPENERS) : rng.pick(OPENERS.slice(0, 4));
    const closer = rng.pick(CLOSERS);
    const body = `${opener}${t.content}${closer}`;
    const content = phoneInText ? `${body}联系电话${maskPhone(phone)}。` : body;
    const title =
      t.title ??
      (channel === 'board' || channel === 'portal'
        ? t.content.replace(/[，。！？、：；\s].*$/s, '').slice(0, 18)
        : null);
    const policyDocNo =
      channel === 'board' && policy && /政务公开|开放月|政府信息公开|政策/.test(content) && rng.chance(0.7)
        ? policy.docNo
        : null;
    const received = new Date(receivedMs);
    const created = new Date(receivedMs + rng.between(50, 2000));
    const ymd = new Date(receivedMs + 8 * HOUR).toISOString().slice(0, 10).replace(/-/g, '');
    const messageId = randomUUID();
    const caseId = randomUUID();
    const externalRef =
      channel === 'hotline'
        ? `T${ymd}-${String(seq).padStart(5, '0')}`
        : channel === 'board'
          ? `web-${randomUUID()}`
          : channel === 'portal'
            ? `GWY-2026-${String(seq).padStart(6, '0')}`
            : `open311-${messageId}`;
    const code = channel === 'board' ? trackingCode() : null;
    // The source's own deadline: the portal's 办理时限 always, the municipal 12345 platform's often.
    const sourceDueAt =
      channel === 'portal'
        ? new Date(chinaDayStart(receivedMs) + 15 * DAY + 17.5 * HOUR)
        : channel === 'hotline' && rng.chance(0.4)
          ? new Date(chinaDayStart(receivedMs) + (urgency === 'urgent' ? 1 : 7) * DAY + 17.5 * HOUR)
          : null;
    let deadlines: ComputedDeadlines;
    try {
      deadlines = computeDeadlines({ channel, kind, urgency, receivedAt: received, sourceDueAt }, calendar);
    } catch {
      deadlines = computeDeadlines(
        { channel, kind, urgency, receivedAt: received, sourceDueAt: null },
        calendar,
      );
    }
    const routing: RoutingDecision = routeMessage(
      { title, content, policyDocNo, street },
      {
        policy: (docNo) => dir.policies.find((p) => p.docNo === docNo) ?? null,
        classify: (input) =>
          dir.classifier
            ? { ...dir.classifier.model.predict(input), modelVersion: dir.classifier.version }
            : null,
        streets: dir.streets,
        threshold,
      },
    );
    const open311 = channel === 'open311';
    const place = open311
      ? {
          latitude: 31.22 + rng.next() * 0.06,
          longitude: 121.43 + rng.next() * 0.05,
          service_code: rng.pick(OPEN311_SERVICES),
        }
      : { latitude: null, longitude: null, service_code: null };
    out.messages.push({
      id: messageId,
      channel,
      external_ref: externalRef,
      case_id: caseId,
      tracking_code: code,
      kind,
      urgency,
      title,
      content,
      policy_doc_no: policyDocNo,
      address: open311 || rng.chance(0.3) ? `${street ?? '静安区'}某小区附近` : null,
      street,
      received_at: received,
      source_due_at: sourceDueAt,
      created_at: created,
      policy_id: policyDocNo ? policy.id : null,
      ...place,
    });
    if (name || phone) {
      out.personal.push({
        message_id: messageId,
        name,
        phone,
        email: null,
        found: phoneInText ? [{ kind: 'phone', value: phone }] : [],
        created_at: created,
      });
    }

    // The workflow, step by step, as far as `now`.
    const events: { type: string; at: number; actor: string; data: Row }[] = [];
    const ev = (type: string, at: number, actor: string, data: Row = {}) =>
      events.push({ type, at, actor, data });
    const c: Row = {
      id: caseId,
      message_id: messageId,
      channel,
      external_ref: externalRef,
      status: 'received',
      department_code: null,
      title,
      content,
      kind,
      urgency,
      tracking_code: code,
      policy_doc_no: policyDocNo,
      street,
      received_at: received,
      due_at: deadlines.answer.dueAt,
      created_at: created,
      policy_id: policyDocNo ? policy.id : null,
      ...place,
      routing: null,
      first_response_due_at: deadlines.firstResponse.dueAt,
      warn_at: deadlines.answer.warnAt,
      deadlines: { firstResponse: toJSON(deadlines.firstResponse), answer: toJSON(deadlines.answer) },
      accepted_at: null,
      replied_at: null,
      closed_at: null,
      return_count: 0,
      arbitrated: false,
      merged_into: null,
      supervised_at: null,
      extension_request: null,
      extended_days: 0,
      reopen_count: 0,
      sla_warned_for: null,
      sla_breached_for: null,
    };
    ev('case.created', created.getTime(), `channel:${channel}`, {
      externalRef,
      personalDataKinds: phoneInText ? ['phone'] : [],
    });
    const group = byGroup.get(t.group) ?? [];
    byGroup.set(t.group, group);
    const long =
      !longPicked &&
      routing.departmentCode === 'gov-office' &&
      receivedMs < now - 30 * DAY &&
      receivedMs > now - 60 * DAY;
    if (long) longPicked = true;
    const ok = (at: number) => at <= now;
    const replyText = () =>
      `您好，关于您反映的“${title ?? t.content.slice(0, 16)}”，${rng.pick(STOCK_REPLIES)}`;
    const other = (not: string | null) => {
      for (;;) {
        const u = rng.chance(0.5) ? rng.pick(departments) : rng.pick(dir.units).code;
        if (u !== not) return u;
      }
    };

    let at = created.getTime() + rng.between(0.2, 3) * SECOND;
    let unit: string | null = null;
    let status = 'received';
    // Each step happens only if its time is not after `now`; otherwise the case stays where it is.
    const walk = (): void => {
      if (!ok(at)) return;
      c.routing = { rule: routing.rule, reasons: routing.reasons, confidence: routing.confidence };
      ev('case.routed', at, 'triage', {
        rule: routing.rule,
        confidence: routing.confidence,
        reasons: routing.reasons,
      });
      unit = routing.departmentCode;
      status = unit ? 'assigned' : 'pending-dispatch';
      const dispatch = (comment: string | null, from: string | null) => {
        at = calendar.addWorkingMs(at, rng.exp(HOUR) + 5 * MINUTE);
        if (!ok(at)) return false;
        const scores = (routing.reasons.scores as { label: string }[] | undefined) ?? [];
        const suggested = scores.find((s) => unitCodes.has(s.label) && s.label !== from)?.label;
        const to = long && comment ? 'gov-office' : suggested && rng.chance(0.75) ? suggested : other(from);
        const arbitration = (c.return_count as number) >= 2;
        ev('case.assigned', at, 'dispatcher', { from: null, to, arbitration, comment });
        c.arbitrated = arbitration;
        unit = to;
        status = 'assigned';
        return true;
      };
      if (!unit && !dispatch(null, null)) return;
      // 并案: a duplicate of an earlier case of the same question is merged by the dispatcher.
      const earlier = group.filter((g) => g.at < receivedMs - HOUR && g.unit === unit);
      if (!long && earlier.length && rng.chance(0.06)) {
        at = calendar.addWorkingMs(at, rng.between(0.5, 7) * HOUR);
        if (!ok(at)) return;
        const into = rng.pick(earlier).id;
        ev('case.merged', at, 'dispatcher', { intoCaseId: into });
        c.merged_into = into;
        c.closed_at = new Date(at);
        status = 'merged';
        return;
      }
      // 退单: the unit sends it back; the dispatcher assigns it again (after two, an arbitration).
      const returns = long ? 2 : rng.chance(0.03) ? 1 : 0;
      for (let r = 0; r < returns; r++) {
        at = calendar.addWorkingMs(at, rng.between(0.5, 7) * HOUR);
        if (!ok(at)) return;
        c.return_count = r + 1;
        ev('case.returned', at, `${unit}.staff`, { from: unit, ...RETURN_REASON, returns: r + 1 });
        const from = unit;
        unit = null;
        status = 'pending-dispatch';
        c.accepted_at = null;
        if (!dispatch(long && r === 1 ? '仲裁：请按职责办理' : null, from)) return;
      }
      if (!long && rng.chance(0.02)) return; // stalled: nobody accepts it
      const accept = () => {
        at = calendar.addWorkingMs(at, rng.exp(2 * HOUR) + 2 * MINUTE);
        if (!ok(at)) return false;
        ev('case.accepted', at, `${unit}.staff`);
        c.accepted_at = new Date(at);
        status = 'accepted';
        return true;
      };
      if (!accept()) return;
      // 转办: the unit hands it to the right one, which accepts it again.
      if (!long && rng.chance(0.02)) {
        at = calendar.addWorkingMs(at, rng.between(0.5, 7) * HOUR);
        if (!ok(at)) return;
        const to = other(unit);
        ev('case.transferred', at, `${unit}.staff`, { from: unit, to, reason: '属其他单位职责' });
        unit = to;
        status = 'assigned';
        c.accepted_at = null;
        if (!accept()) return;
      }
      // 延期: asked for and approved.
      if (long || rng.chance(0.03)) {
        at += rng.between(2, 48) * HOUR;
        if (!ok(at)) return;
        ev('case.extension-requested', at, `${unit}.staff`, {
          workingDays: 3,
          reason: '需协调多个部门现场核查',
        });
        at += rng.between(1, 10) * HOUR;
        if (!ok(at)) {
          c.extension_request = {
            workingDays: 3,
            reason: '需协调多个部门现场核查',
            requestedBy: `${unit}.staff`,
          };
          return;
        }
        try {
          const answer = extendDeadline(deadlineFromJSON((c.deadlines as Row).answer), 3, calendar);
          c.due_at = answer.dueAt;
          c.warn_at = answer.warnAt;
          c.deadlines = { ...(c.deadlines as Row), answer: toJSON(answer) };
          c.extended_days = 3;
          ev('case.extension-decided', at, 'supervisor', {
            approve: true,
            workingDays: 3,
            comment: null,
            dueAt: answer.dueAt.toISOString(),
          });
        } catch {
          ev('case.extension-decided', at, 'supervisor', {
            approve: false,
            workingDays: 3,
            comment: '超过延期上限',
            dueAt: (c.due_at as Date).toISOString(),
          });
        }
      }
      if (long) {
        // A contentious case: 催办 again and again, drafts sent back, 督办.
        for (let k = 0; k < 25; k++) {
          at += rng.between(2, 10) * HOUR;
          ev('case.reminded', at, rng.pick(['dispatcher', 'supervisor']), {
            comment: `第${k + 1}次催办：请尽快答复市民`,
          });
          at += rng.between(1, 8) * HOUR;
          const submitted = at;
          ev('case.reply-submitted', at, `${unit}.staff`, { sharedAnswerId: null });
          at += rng.between(1, 8) * HOUR;
          ev('case.reply-rejected', at, `${unit}.lead`, { comment: '答复内容不具体，请补充办理结果和依据' });
          out.replies.push(
            reply(
              caseId,
              replyText(),
              'rejected',
              unit!,
              submitted,
              at,
              '答复内容不具体，请补充办理结果和依据',
            ),
          );
          at += rng.between(1, 8) * HOUR;
          ev('case.reminded', at, 'dispatcher', { comment: '市民再次来电催促' });
          if (k === 10) {
            ev('case.supervised', at + MINUTE, 'supervisor', { comment: '列入督办，请负责人亲自协调' });
            c.supervised_at = new Date(at + MINUTE);
          }
        }
        at = Math.min(at, now - HOUR);
        return;
      }
      if (rng.chance(0.02)) return; // stalled after 签收
      // 答复: most in time, some late; a few drafts are sent back once.
      const allowed = (c.due_at as Date).getTime() - receivedMs;
      at += allowed * rng.between(0.05, 0.85) * (rng.chance(0.1) ? 1.8 : 1);
      if (!ok(at)) return;
      let submitted = at;
      ev('case.reply-submitted', at, `${unit}.staff`, { sharedAnswerId: null });
      status = 'reply-review';
      let text = replyText();
      if (rng.chance(0.08)) {
        at = calendar.addWorkingMs(at, rng.between(0.3, 6) * HOUR);
        if (!ok(at)) {
          out.replies.push(reply(caseId, text, 'pending', unit!, submitted));
          return;
        }
        const comment = '请补充办理结果';
        ev('case.reply-rejected', at, `${unit}.lead`, { comment });
        out.replies.push(reply(caseId, text, 'rejected', unit!, submitted, at, comment));
        status = 'accepted';
        at = calendar.addWorkingMs(at, rng.between(0.5, 7) * HOUR);
        if (!ok(at)) return;
        submitted = at;
        text = replyText();
        ev('case.reply-submitted', at, `${unit}.staff`, { sharedAnswerId: null });
        status = 'reply-review';
      }
      at = calendar.addWorkingMs(at, rng.between(0.3, 6) * HOUR);
      if (!ok(at)) {
        out.replies.push(reply(caseId, text, 'pending', unit!, submitted));
        return;
      }
      ev('case.replied', at, `${unit}.lead`, { text, approvedBy: `${unit}.lead` });
      out.replies.push(reply(caseId, text, 'approved', unit!, submitted, at));
      c.replied_at = new Date(at);
      status = 'replied';
      const repliedAt = at;
      // 回访 (12345 tickets), then 办结.
      if (channel === 'hotline' && rng.chance(0.75)) {
        const visited = at + rng.between(1, 3) * DAY;
        if (ok(visited)) {
          const reached = rng.chance(0.85);
          const fb = {
            visitedAt: new Date(visited).toISOString(),
            reached,
            resolved: reached
              ? rng.weighted([
                  ['resolved', 70],
                  ['partly', 20],
                  ['unresolved', 10],
                ] as const)
              : null,
            satisfaction: reached
              ? rng.weighted([
                  ['satisfied', 65],
                  ['basically_satisfied', 25],
                  ['dissatisfied', 10],
                ] as const)
              : null,
            comment: null,
          };
          ev('case.feedback-received', visited, 'system', { ...fb });
          out.feedback.push({
            case_id: caseId,
            ticket_id: externalRef,
            visited_at: fb.visitedAt,
            reached: fb.reached,
            resolved: fb.resolved,
            satisfaction: fb.satisfaction,
            comment: null,
            received_at: new Date(visited + rng.between(1, 60) * MINUTE),
          });
          at = visited;
        }
      }
      const closed = Math.max(at, repliedAt) + rng.between(0.5, 5) * DAY;
      if (ok(closed) && rng.chance(0.85)) {
        ev('case.closed', closed, `${unit}.staff`, { comment: '已答复' });
        c.closed_at = new Date(closed);
        status = 'closed';
      }
    };
    walk();
    // (Assigned inside walk(): read it back at its declared type.)
    const finalUnit = unit as string | null;

    // SLA warnings and breaches, as the monitor would have sent them, with their notifications; 催办
    // and 督办 on some overdue open cases.
    const open = ['received', 'pending-dispatch', 'assigned', 'accepted', 'reply-review'].includes(status);
    const due = (c.due_at as Date).getTime();
    const warn = (c.warn_at as Date).getTime();
    const answeredAt =
      (c.replied_at as Date | null)?.getTime() ??
      (status === 'merged' ? (c.closed_at as Date).getTime() : now);
    const notify = (kind: string, at: number, text: string) => {
      const recipients: { role: string; department_code: string | null }[] = finalUnit
        ? [
            { role: 'staff', department_code: finalUnit },
            { role: 'lead', department_code: finalUnit },
          ]
        : [{ role: 'dispatcher', department_code: null }];
      if (kind.startsWith('sla')) recipients.push({ role: 'supervisor', department_code: null });
      for (const r of recipients)
        out.notifications.push({
          case_id: caseId,
          kind,
          ...r,
          text,
          created_at: new Date(at),
          read_at:
            at < now - 2 * DAY || rng.chance(0.5)
              ? new Date(Math.min(now, at + rng.between(0.2, 30) * HOUR))
              : null,
        });
    };
    if (status !== 'received') {
      if (warn <= answeredAt && due > warn) {
        ev('case.sla-warning', warn + rng.between(0.1, 1) * SECOND, 'system', {
          dueAt: new Date(due).toISOString(),
          warnAt: new Date(warn).toISOString(),
        });
        c.sla_warned_for = new Date(due);
        if (open)
          notify('sla-warning', warn, `临期预警：办理时限 ${new Date(due).toISOString()}，剩余不足五分之一`);
      }
      if (due <= answeredAt) {
        ev('case.sla-breached', due + rng.between(0.1, 1) * SECOND, 'system', {
          dueAt: new Date(due).toISOString(),
        });
        c.sla_breached_for = new Date(due);
        c.sla_warned_for = new Date(due);
        if (open) notify('sla-breach', due, `已超期：办理时限 ${new Date(due).toISOString()}`);
        if (open && !long && rng.chance(0.3)) {
          const when = Math.min(now - MINUTE, due + rng.between(1, 48) * HOUR);
          ev('case.reminded', when, 'supervisor', { comment: '请抓紧办理' });
          notify('reminder', when, '催办：请抓紧办理');
          if (rng.chance(0.3)) {
            ev('case.supervised', when + MINUTE, 'supervisor', { comment: '列入督办' });
            c.supervised_at = new Date(when + MINUTE);
            notify('supervision', when + MINUTE, '督办：列入督办');
          }
        }
      }
    }
    events.sort((a, b) => a.at - b.at);
    c.status = status;
    c.department_code = finalUnit;
    c.version = events.length;
    c.updated_at = new Date(events[events.length - 1].at);
    if (status === 'pending-dispatch') c.accepted_at = null;
    for (const e of events)
      out.timeline.push({
        case_id: caseId,
        type: e.type,
        occurred_at: new Date(e.at),
        actor: e.actor,
        data: e.data,
      });
    out.cases.push(c);
    group.push({ id: caseId, unit: finalUnit, at: receivedMs, title, content });
    if (long) out.longCase = { id: caseId, events: events.length, departmentCode: finalUnit ?? '' };
    else if (finalUnit === 'gov-office' && status === 'accepted' && events.length >= 5)
      out.typicalCase = { id: caseId, events: events.length };
  }

  // Recurring questions: one cluster per question, placed by the clusterer as each case arrived.
  const sizes: { id: string; size: number; units: (string | null)[] }[] = [];
  for (const members of byGroup.values()) {
    if (!members.length) continue;
    const id = randomUUID();
    const docs = members.slice(-30).map((m) => ({ id: m.id, title: m.title, content: m.content }));
    const terms = keyTerms(docs);
    out.clusters.push({
      id,
      title: terms.slice(0, 4).join('、') || (members[0].title ?? members[0].content.slice(0, 20)),
      key_terms: terms,
      member_count: members.length,
      first_at: new Date(members[0].at),
      last_at: new Date(members[members.length - 1].at),
      created_at: new Date(members[0].at + SECOND),
      updated_at: new Date(members[members.length - 1].at + SECOND),
    });
    members.forEach((m, i) =>
      out.members.push({
        case_id: m.id,
        cluster_id: id,
        similarity: i === 0 ? null : Number(rng.between(0.45, 0.95).toFixed(3)),
        matched_case_id: i === 0 ? null : members[0].id,
        placed_by: 'clusterer',
        placed_at: new Date(m.at + 2 * SECOND),
      }),
    );
    sizes.push({ id, size: members.length, units: members.map((m) => m.unit) });
  }
  // 统一回应 for the five most asked questions, approved and public.
  for (const s of sizes.sort((a, b) => b.size - a.size).slice(0, 5)) {
    const unit = mostCommon(s.units.filter((u): u is string => u !== null)) ?? 'gov-office';
    out.sharedAnswers.push({
      id: randomUUID(),
      cluster_id: s.id,
      department_code: unit,
      text: `关于市民集中反映的问题，${rng.pick(STOCK_REPLIES)}`,
      status: 'approved',
      drafted_by: `${unit}.staff`,
      drafted_at: new Date(now - 10 * DAY),
      reviewed_by: `${unit}.lead`,
      reviewed_at: new Date(now - 9 * DAY),
    });
  }
  return out;
}

function reply(
  caseId: string,
  text: string,
  status: 'pending' | 'rejected' | 'approved',
  unit: string,
  submittedAt: number,
  reviewedAt?: number,
  comment?: string,
): Row {
  return {
    case_id: caseId,
    text,
    shared_answer_id: null,
    status,
    submitted_by: `${unit}.staff`,
    submitted_at: new Date(submittedAt),
    reviewed_by: reviewedAt === undefined ? null : `${unit}.lead`,
    reviewed_at: reviewedAt === undefined ? null : new Date(reviewedAt),
    review_comment: comment ?? null,
  };
}

function mostCommon<T>(xs: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Bulk insert: the rows' keys are the columns (the rest take their defaults), 2,000 rows a statement. */
async function insertRows(db: Client, table: string, rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]).join(', ');
  for (let i = 0; i < rows.length; i += 2000) {
    await db.query(
      `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
      [JSON.stringify(rows.slice(i, i + 2000))],
    );
  }
}

/**
 * Indexes every case through the hub's own search adapter (as the indexer does on case events): the
 * case page's reply suggestions ask the engine for similar answered cases.
 */
async function indexCases(args: Args, cases: Row[]): Promise<number> {
  const search = new OpenSearchCaseSearch(args.searchUrl, args.indexPrefix);
  try {
    await search.ensureIndex();
    const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);
    const docs = cases.map((c): CaseSearchDocument => ({
      caseId: c.id as string,
      channel: c.channel as string,
      externalRef: c.external_ref as string,
      status: c.status as string,
      departmentCode: c.department_code as string | null,
      kind: c.kind as string | null,
      urgency: c.urgency as string,
      street: c.street as string | null,
      policyDocNo: c.policy_doc_no as string | null,
      title: c.title as string | null,
      content: c.content as string,
      receivedAt: iso(c.received_at)!,
      dueAt: iso(c.due_at),
      version: c.version as number,
    }));
    for (let i = 0; i < docs.length; i += 500)
      await search.apply(docs.slice(i, i + 500).map((doc) => ({ kind: 'index' as const, doc })));
    await search.refresh();
    const res = await fetch(`${args.searchUrl}/${search.indexName}/_count`);
    return ((await res.json()) as { count: number }).count;
  } finally {
    await search.close();
  }
}

async function loadCases(
  args: Args,
): Promise<{ data: Simulated; seconds: number; statuses: string; indexed: number }> {
  const t0 = performance.now();
  const db = new Client({ connectionString: args.databaseUrl });
  await db.connect();
  try {
    const dir = await readDirectory(db);
    if (!dir.classifier) log('pages: no active classifier model; every case goes through the dispatcher');
    const data = simulate(args.cases, Date.now(), dir);
    if (!data.longCase.id)
      throw new Error('no gov-office case received 30–60 days ago to give a long timeline');
    await db.query('BEGIN');
    await insertRows(db, 'message', data.messages);
    await insertRows(db, 'personal_data', data.personal);
    // merged_into points at earlier cases: set once they all exist.
    await insertRows(
      db,
      'case_record',
      data.cases.map((c) => ({ ...c, merged_into: null })),
    );
    const merged = data.cases.filter((c) => c.merged_into);
    await db.query(
      `UPDATE case_record c SET merged_into = m.target FROM unnest($1::uuid[], $2::uuid[]) AS m(id, target) WHERE c.id = m.id`,
      [merged.map((c) => c.id), merged.map((c) => c.merged_into)],
    );
    await insertRows(db, 'case_timeline', data.timeline);
    await insertRows(db, 'case_reply', data.replies);
    await insertRows(db, 'case_feedback', data.feedback);
    await insertRows(db, 'question_cluster', data.clusters);
    await insertRows(db, 'cluster_member', data.members);
    await insertRows(db, 'shared_answer', data.sharedAnswers);
    await insertRows(db, 'notification', data.notifications);
    await db.query('COMMIT');
    // As a database in service would be: statistics up to date.
    await db.query('VACUUM ANALYZE');
    const indexed = await indexCases(args, data.cases);
    const statuses = (
      await db.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM case_record GROUP BY status ORDER BY n DESC`,
      )
    ).rows
      .map((r) => `${r.status} ${r.n}`)
      .join(', ');
    return { data, seconds: (performance.now() - t0) / 1000, statuses, indexed };
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------------------------------------------
// 2. The pages in the browser.
// ---------------------------------------------------------------------------------------------------

interface PageSpec {
  label: string;
  /** Who logs in (null: a public page). */
  user: string | null;
  path: string;
  /** What "main content visible" means on this page. */
  readyWhat: string;
  /** The page's main content: every selector matches a visible element (each exists only once its data rendered). */
  ready: string[];
  /** The page's main API calls, fired together as the page does (for the node baseline). */
  mainCalls: string[];
}

/**
 * Runs in the page on every animation frame until it answers a number: the page's own clock (ms from
 * navigation start) in the first frame where every selector matches an element with a non-empty box
 * that is not `visibility: hidden` (what Playwright calls visible). `A => B`: once A exists, B must be
 * visible too if A's box is within the viewport (a chart below the fold is drawn when scrolled to, and
 * is not waited for; one the user sees at once is). A function, not a string: the app's CSP forbids
 * eval. The bench compiles without the DOM library, hence the minimal types.
 */
function contentVisibleAt(selectors: string[]): number | false {
  type Box = { width: number; height: number; top: number; bottom: number; left: number; right: number };
  type El = { getBoundingClientRect(): Box };
  const g = globalThis as unknown as {
    document: { querySelector(selector: string): El | null };
    getComputedStyle(e: El): { visibility: string };
    performance: { now(): number };
    innerWidth: number;
    innerHeight: number;
  };
  const visible = (selector: string) => {
    const e = g.document.querySelector(selector);
    if (!e) return false;
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && g.getComputedStyle(e).visibility !== 'hidden';
  };
  for (const selector of selectors) {
    const [a, b] = selector.split(' => ');
    if (b === undefined) {
      if (!visible(a)) return false;
      continue;
    }
    const e = g.document.querySelector(a);
    if (!e) return false;
    const box = e.getBoundingClientRect();
    const inView = box.bottom > 0 && box.right > 0 && box.top < g.innerHeight && box.left < g.innerWidth;
    if (inView && !visible(b)) return false;
  }
  return g.performance.now();
}

/** Runs in the page: the `A` of each `A => B` readiness selector whose box is outside the viewport. */
function belowTheFold(selectors: string[]): string[] {
  type El = { getBoundingClientRect(): { top: number; bottom: number } };
  const g = globalThis as unknown as {
    document: { querySelector(selector: string): El | null };
    innerHeight: number;
  };
  return selectors
    .map((s) => s.split(' => ')[0])
    .filter((_, i) => selectors[i].includes(' => '))
    .filter((a) => {
      const box = g.document.querySelector(a)?.getBoundingClientRect();
      return box !== undefined && (box.top >= g.innerHeight || box.bottom <= 0);
    });
}

/** A load as the page's own Navigation and Resource Timing saw it (ms from navigation start). */
interface Timeline {
  /** index.html: first byte. */
  html: number;
  /** The last script file (the app's chunks) loaded before the content was visible; how many, how big (transferred). */
  scripts: number;
  scriptFiles: number;
  scriptKb: number;
  /** The first API request sent and the last API answer received before the content was visible. */
  firstApi: number;
  lastApi: number;
  apiCalls: number;
}

/** Runs in the page once the content is visible: the milestones before `visibleAt` (see {@link Timeline}). */
function timelineUntil(visibleAt: number): Timeline {
  type Entry = {
    name: string;
    startTime: number;
    responseStart: number;
    responseEnd: number;
    transferSize: number;
  };
  const perf = (globalThis as unknown as { performance: { getEntriesByType(type: string): Entry[] } })
    .performance;
  const nav = perf.getEntriesByType('navigation')[0];
  const before = perf.getEntriesByType('resource').filter((e) => e.startTime <= visibleAt);
  const path = (e: Entry) => new URL(e.name).pathname;
  const scripts = before.filter((e) => /\.m?js$/.test(path(e)));
  // The live event stream stays open: it is no page data.
  const api = before.filter((e) => path(e).startsWith('/api/') && path(e) !== '/api/v1/events');
  const answered = api.filter((e) => e.responseEnd > 0 && e.responseEnd <= visibleAt);
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);
  return {
    html: nav ? nav.responseStart : NaN,
    scripts: max(scripts.map((e) => e.responseEnd)),
    scriptFiles: scripts.length,
    scriptKb: scripts.reduce((n, e) => n + e.transferSize, 0) / 1024,
    firstApi: api.length ? Math.min(...api.map((e) => e.startTime)) : NaN,
    lastApi: max(answered.map((e) => e.responseEnd)),
    apiCalls: api.length,
  };
}

const OPEN = ['received', 'pending-dispatch', 'assigned', 'accepted', 'reply-review'];
const list = (statuses: string[], extra = '') =>
  statuses.map((s) => `/api/v1/cases?status=${s}${extra}&limit=200`);

function pageSpecs(data: Simulated): PageSpec[] {
  const unit = data.longCase.departmentCode;
  const row = '.ant-table-tbody tr.ant-table-row';
  const casePage = (id: string, events: number): PageSpec => ({
    label: `/cases/:id (${unit}.staff, ${events} events)`,
    user: `${unit}.staff`,
    path: `/cases/${id}`,
    readyWhat: 'the timeline and the deadlines',
    ready: ['[data-testid="case-page"] [data-event]', '[data-testid="deadlines"]'],
    mainCalls: [`/api/v1/cases/${id}`],
  });
  return [
    {
      label: `/queue (${unit}.staff)`,
      user: `${unit}.staff`,
      path: '/queue',
      readyWhat: 'a table row with its countdown',
      ready: [`${row} [data-deadline]`],
      mainCalls: list(['assigned', 'accepted', 'reply-review']),
    },
    {
      label: '/queue (dispatcher)',
      user: 'dispatcher',
      path: '/queue',
      readyWhat: 'a table row with its countdown',
      ready: [`${row} [data-deadline]`],
      mainCalls: list(OPEN),
    },
    casePage(data.longCase.id, data.longCase.events),
    ...(data.typicalCase.id ? [casePage(data.typicalCase.id, data.typicalCase.events)] : []),
    {
      label: '/dispatch (dispatcher)',
      user: 'dispatcher',
      path: '/dispatch',
      readyWhat: 'a table row',
      ready: [`${row}[data-case-id]`],
      mainCalls: list(['pending-dispatch', 'received']),
    },
    {
      label: `/review (${unit}.lead)`,
      user: `${unit}.lead`,
      path: '/review',
      readyWhat: 'a card with its draft reply',
      ready: ['[data-case-id] [data-testid="draft"]'],
      mainCalls: list(['reply-review']),
    },
    {
      label: '/sla (supervisor)',
      user: 'supervisor',
      path: '/sla',
      readyWhat: 'a watch-list row, a 三率 row, and the 三率 chart drawn with its data if it is in view',
      ready: [
        `[data-testid="watch"] ${row}`,
        `[data-testid="rates"] ${row}`,
        '[data-testid="echart"] => [data-testid="echart"][data-drawn]',
      ],
      mainCalls: ['/api/v1/metrics?groupBy=department', ...list(OPEN, '&dueBefore=DUE_BEFORE')],
    },
    {
      label: '/analytics (analyst)',
      user: 'analyst',
      path: '/analytics',
      readyWhat:
        'a hot-topic row with its sparkline, a rising term, and the volume chart drawn with its data if it is in view',
      ready: [
        '[data-testid="hot-topics"] tr[data-row-key] [data-sparkline] canvas',
        '[data-testid="rising-terms"] .term',
        '[data-testid="volume"] => [data-testid="volume"] [data-drawn]',
      ],
      mainCalls: [
        '/api/v1/analytics/hot-topics?window=week',
        '/api/v1/analytics/monthly-questions',
        '/api/v1/analytics/volume?groupBy=channel&interval=day',
      ],
    },
    {
      label: '/board (public)',
      user: null,
      path: '/board',
      readyWhat: 'the question form',
      ready: ['#title'],
      mainCalls: [],
    },
  ];
}

interface ApiCall {
  route: string;
  url: string;
  /** Request start to response end, as Chromium timed it. */
  ms: number;
  /** Request sent to first response byte (the server's share). */
  ttfb: number;
  /** When it was answered (performance.now() of this process). */
  finishedAt: number;
}

/** CPU time (user + system, ms) of a process from /proc (USER_HZ is 100 on Linux); 0 once it is gone. */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU time of every process below this one: the Chromium that playwright-core started (not anyone else's). */
function browserCpu(): number {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // gone
    }
  }
  let total = 0;
  const todo = [...(children.get(process.pid) ?? [])];
  for (let pid = todo.pop(); pid !== undefined; pid = todo.pop()) {
    total += cpuOf(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** The hub's api process (tools/bench-hub.js passes the pids in BENCH_PIDS as name:pid,…). */
const API_PID = Number(
  (process.env.BENCH_PIDS ?? '')
    .split(',')
    .find((e) => e.startsWith('api:'))
    ?.slice(4) ?? 0,
);

interface Load {
  /** Navigation start until the main content was visible, by the page's own clock. */
  visible: number;
  /** The same as node saw it: from before `page.goto` until the readiness check answered (a check on `visible`). */
  wall: number;
  /** Milestones before the content was visible, by the page's clock (see {@link Timeline}). */
  timeline: Timeline;
  /** Renderer main-thread time until visible (Chromium's Performance metrics): JavaScript, style + layout. */
  script: number;
  layout: number;
  /** CPU time of the renderer's main thread until visible (does not grow while the machine is busy elsewhere). */
  thread: number;
  /** CPU time spent by the browser and by the api process from navigation start until settled. */
  browserCpu: number;
  apiCpu: number;
  /** Until the page's API calls were all answered (network quiet for 500 ms), from node's clock. */
  settled: number;
  calls: ApiCall[];
  failed: string | null;
}

/** `/api/v1/cases/<uuid>` → `/api/v1/cases/:id`; the list's status kept (it differs in size). */
function routeOf(url: URL): string {
  const path = url.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');
  return path;
}

/** The page's /api requests: in flight, answered (with Chromium's timing), and when the last one ended. */
class ApiWatch {
  private inflight = new Set<Request>();
  calls: ApiCall[] = [];
  lastEvent = performance.now();
  lastAnswer = 0;
  /** When the app sent its first API request (its code loaded and ran), performance.now(). */
  firstRequest = 0;
  /** Any answer ≥ 400 (the app's files included): says why a load failed. */
  httpErrors: string[] = [];

  constructor(page: Page) {
    // The live event stream (`/api/v1/events`) stays open for as long as the page: it is no page data.
    const isApi = (r: Request) => {
      const path = new URL(r.url()).pathname;
      return path.startsWith('/api/') && path !== '/api/v1/events';
    };
    page.on('request', (r) => {
      if (!isApi(r)) return;
      this.inflight.add(r);
      this.lastEvent = performance.now();
      this.firstRequest ||= this.lastEvent;
    });
    page.on('requestfinished', (r) => {
      if (!this.inflight.delete(r)) return;
      const now = performance.now();
      this.lastEvent = now;
      this.lastAnswer = now;
      const t = r.timing();
      const url = new URL(r.url());
      this.calls.push({
        route: routeOf(url),
        url: `${url.pathname}${url.search}`,
        ms: t.responseEnd,
        ttfb: t.responseStart - t.requestStart,
        finishedAt: now,
      });
    });
    page.on('response', (r) => {
      if (r.status() >= 400) this.httpErrors.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    page.on('requestfailed', (r) => {
      if (this.inflight.delete(r)) this.lastEvent = performance.now();
    });
  }

  reset(): void {
    this.inflight.clear();
    this.calls = [];
    this.lastAnswer = 0;
    this.firstRequest = 0;
    this.httpErrors = [];
    this.lastEvent = performance.now();
  }

  /** Resolves once no /api request is in flight and none started or ended for `idleMs`. */
  async quiet(idleMs: number, maxMs: number): Promise<void> {
    const until = performance.now() + maxMs;
    while (performance.now() < until) {
      if (this.inflight.size === 0 && performance.now() - this.lastEvent >= idleMs) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/**
 * The renderer's cumulative main-thread times (ms) from Chromium's Performance metrics: its CPU time
 * (ThreadTime), and the wall time of JavaScript and of style recalculation + layout.
 */
async function rendererTimes(cdp: CDPSession): Promise<{ thread: number; script: number; layout: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = (name: string) => (metrics.find((x) => x.name === name)?.value ?? 0) * 1000;
  return {
    thread: m('ThreadTime'),
    script: m('ScriptDuration'),
    layout: m('LayoutDuration') + m('RecalcStyleDuration'),
  };
}

async function measureLoad(
  page: Page,
  cdp: CDPSession,
  watch: ApiWatch,
  spec: PageSpec,
  url: string,
): Promise<Load> {
  watch.reset();
  const before = await rendererTimes(cdp);
  const cpu0 = [browserCpu(), API_PID ? cpuOf(API_PID) : NaN];
  const t0 = performance.now();
  let visible: number;
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const at = await page.waitForFunction(contentVisibleAt, spec.ready, { polling: 'raf' });
    visible = (await at.jsonValue()) as number;
  } catch (e) {
    const failed =
      `${e instanceof Error ? e.message.split('\n')[0] : String(e)} (at ${page.url()}` +
      `${watch.httpErrors.length ? `; answers: ${[...new Set(watch.httpErrors)].slice(0, 3).join(', ')}` : ''})`;
    const timeline = {
      html: NaN,
      scripts: NaN,
      scriptFiles: NaN,
      scriptKb: NaN,
      firstApi: NaN,
      lastApi: NaN,
      apiCalls: NaN,
    };
    return {
      visible: NaN,
      wall: NaN,
      timeline,
      thread: NaN,
      script: NaN,
      layout: NaN,
      settled: NaN,
      browserCpu: NaN,
      apiCpu: NaN,
      calls: [],
      failed,
    };
  }
  const shownAt = performance.now();
  const after = await rendererTimes(cdp);
  // A cold load may swap the renderer process (the counters restart); a warm one keeps counting.
  const delta = (k: 'thread' | 'script' | 'layout') =>
    after[k] >= before[k] ? after[k] - before[k] : after[k];
  const timeline = await page.evaluate(timelineUntil, visible);
  await watch.quiet(500, 20000);
  return {
    visible,
    wall: shownAt - t0,
    timeline,
    thread: delta('thread'),
    script: delta('script'),
    layout: delta('layout'),
    settled: Math.max(shownAt, watch.lastAnswer) - t0,
    browserCpu: browserCpu() - cpu0[0],
    apiCpu: API_PID ? cpuOf(API_PID) - cpu0[1] : NaN,
    calls: [...watch.calls],
    failed: null,
  };
}

const CONTEXT = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };

/** Logs in through the login page as e2e/web.e2e-spec.ts does; answers the session the app stored. */
async function login(browser: Browser, hub: string, username: string): Promise<string> {
  const context = await browser.newContext(CONTEXT);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(20000);
    await page.goto(`${hub}/login`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(process.env.HUB_DEMO_PASSWORD ?? 'hub-demo');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByTestId('whoami').waitFor();
    const session = await page.evaluate<string | null>(
      `sessionStorage.getItem(${JSON.stringify(SESSION_KEY)})`,
    );
    if (!session) throw new Error(`no ${SESSION_KEY} in sessionStorage after logging in as ${username}`);
    return session;
  } finally {
    await context.close();
  }
}

interface PageResult {
  spec: PageSpec;
  cold: Load[];
  warm: Load[];
  errors: string[];
  /** What the page showed (the analytics page may still be a placeholder). */
  shows: string;
  node: number[];
  nodeSlowest: Map<string, number[]>;
  details: { count: number; ms: number[] } | null;
  /** The 1-minute load average when the page's loads began and ended. */
  load: [number, number];
}

async function measurePage(browser: Browser, args: Args, spec: PageSpec): Promise<PageResult> {
  const session = spec.user ? await login(browser, args.hubUrl, spec.user) : null;
  const token = session ? (JSON.parse(session) as { token: string }).token : null;
  const url = `${args.hubUrl}${spec.path}`;
  const result: PageResult = {
    spec,
    cold: [],
    warm: [],
    errors: [],
    shows: '',
    node: [],
    nodeSlowest: new Map(),
    details: null,
    load: [loadavg()[0], NaN],
  };
  for (let run = 0; run < args.runs; run++) {
    // Cold: a new browser context (empty cache, fresh sessionStorage holding the login session).
    const context = await browser.newContext(CONTEXT);
    // Room for every request of a load in the Resource Timing buffer (250 by default).
    await context.addInitScript({ content: 'performance.setResourceTimingBufferSize(5000);' });
    if (session) {
      const [key, value] = [JSON.stringify(SESSION_KEY), JSON.stringify(session)];
      await context.addInitScript({
        content: `if (!sessionStorage.getItem(${key})) sessionStorage.setItem(${key}, ${value});`,
      });
    }
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    page.on('pageerror', (e) => result.errors.push(e.message));
    const watch = new ApiWatch(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    result.cold.push(await measureLoad(page, cdp, watch, spec, url));
    if (run === 0) {
      const title = await page.evaluate<string | null>(
        `document.querySelector('.app-content .ant-result-title')?.textContent ?? null`,
      );
      result.shows = title === null ? 'its content' : `a result page titled "${title}"`;
      const below = await page.evaluate(belowTheFold, spec.ready);
      if (below.length)
        result.shows += ` (below the fold when it showed, not waited for: \`${below.join('`, `')}\`)`;
    }
    // Warm: the same page again in the same context (assets cached).
    result.warm.push(await measureLoad(page, cdp, watch, spec, url));
    await context.close();
  }
  result.load[1] = loadavg()[0];
  // The API alone, from node, as the page fires its main calls (all at once).
  if (token && spec.mainCalls.length) {
    const dueBefore = new Date(Date.now() + 14 * DAY).toISOString();
    const paths = spec.mainCalls.map((p) => p.replace('DUE_BEFORE', encodeURIComponent(dueBefore)));
    const get = async (path: string) => {
      const t = performance.now();
      const res = await fetch(`${args.hubUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
      return performance.now() - t;
    };
    await Promise.all(paths.map(get)); // once unmeasured (connections, plans)
    for (let run = 0; run < args.runs; run++) {
      const t = performance.now();
      const each = await Promise.all(paths.map(get));
      result.node.push(performance.now() - t);
      paths.forEach((p, i) => result.nodeSlowest.set(p, [...(result.nodeSlowest.get(p) ?? []), each[i]]));
    }
    // The case details the page fetched one by one (four at a time, as useCaseDetails does).
    const detailUrls = [
      ...new Set(result.cold[0].calls.filter((c) => c.route === '/api/v1/cases/:id').map((c) => c.url)),
    ];
    if (detailUrls.length > 1) {
      const ms: number[] = [];
      for (let run = 0; run < args.runs; run++) {
        const queue = [...detailUrls];
        const t = performance.now();
        const worker = async () => {
          for (let next = queue.shift(); next !== undefined; next = queue.shift()) await get(next);
        };
        await Promise.all([worker(), worker(), worker(), worker()]);
        ms.push(performance.now() - t);
      }
      result.details = { count: detailUrls.length, ms };
    }
  }
  return result;
}

/** Runs in the page: navigation start until the load event ended, by the page's clock. */
function loadEventEnd(): number {
  type Entry = { loadEventEnd: number };
  const perf = (globalThis as unknown as { performance: { getEntriesByType(type: string): Entry[] } })
    .performance;
  return perf.getEntriesByType('navigation')[0]?.loadEventEnd ?? NaN;
}

async function browserFloor(
  browser: Browser,
  args: Args,
): Promise<{
  health: number[];
  asset: number[];
  assetName: string;
  shell: number[];
  shellCpu: number[];
  shellThread: number[];
}> {
  const dir = join(process.env.WEB_APP_DIR || join(ROOT, 'dist', 'web'), 'assets');
  const assets = readdirSync(dir)
    .filter((f) => /\.(js|css)$/.test(f)) // not the build's .br/.gz copies
    .map((f) => ({ f, size: statSync(join(dir, f)).size }));
  const asset = assets.sort((a, b) => Math.abs(a.size - 1024) - Math.abs(b.size - 1024))[0];
  const time = async (path: string) => {
    const out: number[] = [];
    for (let run = 0; run < args.runs; run++) {
      const context = await browser.newContext(CONTEXT);
      const page = await context.newPage();
      const res = await page.goto(`${args.hubUrl}${path}`, { waitUntil: 'load' });
      if (!res?.ok()) throw new Error(`GET ${path}: ${res?.status()}`);
      out.push(await page.evaluate(loadEventEnd));
      await context.close();
    }
    return out;
  };
  // The app itself with no data to show: the login form, cold.
  const shell: number[] = [];
  const shellCpu: number[] = [];
  const shellThread: number[] = [];
  for (let run = 0; run < args.runs; run++) {
    const context = await browser.newContext(CONTEXT);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const cpu = browserCpu();
    await page.goto(`${args.hubUrl}/login`, { waitUntil: 'commit' });
    const at = await page.waitForFunction(contentVisibleAt, ['#username'], { polling: 'raf' });
    shell.push((await at.jsonValue()) as number);
    shellThread.push((await rendererTimes(cdp)).thread);
    shellCpu.push(browserCpu() - cpu);
    await context.close();
  }
  return {
    health: await time('/health'),
    asset: await time(`/assets/${asset.f}`),
    assetName: `${asset.f}, ${asset.size} B`,
    shell,
    shellCpu,
    shellThread,
  };
}

// ---------------------------------------------------------------------------------------------------
// 3. The report.
// ---------------------------------------------------------------------------------------------------

/** The nearest-rank percentile (with fewer than 20 runs, p95 is the slowest run). */
function percentile(xs: number[], p: number): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}
const ms = (x: number) => (Number.isNaN(x) ? '—' : `${Math.round(x).toLocaleString('en-US')}`);
const p50 = (xs: number[]) => ms(percentile(xs, 50));
const p50p95 = (xs: number[]) => `${p50(xs)} / ${ms(percentile(xs, 95))}`;

/** Per route: calls per load, and their times over all the loads. */
function byRoute(loads: Load[]): { route: string; perLoad: number; times: number[]; ttfb: number[] }[] {
  const m = new Map<string, { n: number; times: number[]; ttfb: number[] }>();
  for (const l of loads)
    for (const c of l.calls) {
      const e = m.get(c.route) ?? { n: 0, times: [], ttfb: [] };
      e.n++;
      e.times.push(c.ms);
      e.ttfb.push(c.ttfb);
      m.set(c.route, e);
    }
  return [...m]
    .map(([route, e]) => ({ route, perLoad: e.n / Math.max(1, loads.length), times: e.times, ttfb: e.ttfb }))
    .sort((a, b) => percentile(b.times, 50) - percentile(a.times, 50));
}

function verdict(r: PageResult): string {
  const cold = r.cold.map((l) => l.visible);
  const warm = r.warm.map((l) => l.visible);
  const failed = [...r.cold, ...r.warm].filter((l) => l.failed).length;
  const all = [...cold, ...warm].filter((x) => !Number.isNaN(x));
  const text =
    failed === r.cold.length + r.warm.length
      ? '**FAILED**'
      : percentile(cold, 50) >= LIMIT_MS || percentile(warm, 50) >= LIMIT_MS
        ? '**no: p50 over 1 s**'
        : Math.max(...all) >= LIMIT_MS
          ? 'p50 yes, **not every load**'
          : 'yes';
  return text + (failed ? ` (${failed} load${failed > 1 ? 's' : ''} failed, see below)` : '');
}

function report(
  results: PageResult[],
  floor: Awaited<ReturnType<typeof browserFloor>>,
  nodeHealth: number[],
  runs: number,
): string {
  const lines = [
    '',
    `Time from navigation start until the page's main content is visible with its data, by the page's own clock ` +
      `(p50 / p95 of ${runs} loads; with fewer than 20, p95 is the slowest): cold = a new browser context (empty cache), ` +
      `warm = the same page again in that context.`,
    '',
    '| page (as) | content visible, cold p50 / p95 | warm p50 / p95 | all API calls answered, cold p50 / p95 | API calls per load | slowest API call in the browser, p50 / p95 | main API calls alone from node, p50 / p95 | load average (1 min) | under 1 s? |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const slowest = byRoute(r.cold)[0];
    const perLoad = r.cold.reduce((n, l) => n + l.calls.length, 0) / r.cold.length;
    const node = r.node.length
      ? `${p50p95(r.node)} ms (${r.spec.mainCalls.length} call${r.spec.mainCalls.length > 1 ? 's' : ''})`
      : '—';
    lines.push(
      `| ${r.spec.label} | ${p50p95(r.cold.map((l) => l.visible))} ms | ${p50p95(r.warm.map((l) => l.visible))} ms | ${p50p95(
        r.cold.map((l) => l.settled),
      )} ms | ${perLoad.toFixed(0)} | ${slowest ? `${slowest.route} ${p50p95(slowest.times)} ms` : '—'} | ${node} | ${r.load
        .map((x) => x.toFixed(1))
        .join(' → ')} | ${verdict(r)} |`,
    );
  }
  lines.push(
    `| baseline: \`/health\` JSON in the same browser (new context, until its load event) | ${p50p95(floor.health)} ms | | | | | ${p50p95(nodeHealth)} ms | | |`,
    `| baseline: static asset (${floor.assetName}) in the same browser (new context, until its load event) | ${p50p95(floor.asset)} ms | | | | | | | |`,
    `| baseline: the app with no data (\`/login\` until its form is visible, new context) | ${p50p95(floor.shell)} ms | | | | | | | |`,
    '',
    'Where the time of a load goes (p50 of each column over the loads, so the columns need not add up), ms from navigation ' +
      "start by the page's clock: the first byte of index.html; the last script file loaded before the content showed " +
      '(files and KB transferred: 0 KB when cached); the first API request sent; the last API answer received before the ' +
      "content showed; the content visible; the same as node's wall clock saw it (goto until the check answered). Then, " +
      "until visible, the CPU time of the renderer's main thread (unlike wall times, it does not grow when other work holds " +
      'the CPU) and the wall time it spent in JavaScript and in style + layout; and, until all API calls were answered, the ' +
      'CPU time of the whole browser and of the api process.',
    '',
    '| page (as) | load | index.html first byte | scripts loaded (files, KB) | first API request | last API answer | content visible | node wall | renderer main-thread CPU | JavaScript (wall) | style + layout (wall) | browser CPU | api CPU |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of results)
    for (const [kind, loads] of [
      ['cold', r.cold],
      ['warm', r.warm],
    ] as const) {
      const t = (k: keyof Timeline) => p50(loads.map((l) => l.timeline[k]));
      const col = (k: 'wall' | 'thread' | 'script' | 'layout' | 'browserCpu' | 'apiCpu') =>
        p50(loads.map((l) => l[k]));
      lines.push(
        `| ${kind === 'cold' ? r.spec.label : ''} | ${kind} | ${t('html')} | ${t('scripts')} (${t('scriptFiles')}, ${t(
          'scriptKb',
        )}) | ${t('firstApi')} | ${t('lastApi')} | **${p50(loads.map((l) => l.visible))}** | ${col('wall')} | ${col(
          'thread',
        )} | ${col('script')} | ${col('layout')} | ${col('browserCpu')} | ${col('apiCpu')} |`,
      );
    }
  lines.push(
    `| baseline: the app with no data (\`/login\`) | cold | | | | | ${p50(floor.shell)} | | ${p50(floor.shellThread)} | | | ${p50(floor.shellCpu)} | |`,
    '',
    'What each page waits for ("main content visible"), and the API calls behind it (cold loads: calls per load, time p50 / p95, time to first byte p50):',
    '',
  );
  for (const r of results) {
    lines.push(
      `- **${r.spec.label}** — ${r.spec.readyWhat} (\`${r.spec.ready.join('`, `')}\`); the page showed ${r.shows}${
        r.errors.length ? `; page errors: ${[...new Set(r.errors)].slice(0, 3).join(' | ')}` : ''
      }`,
    );
    for (const f of [...r.cold, ...r.warm].filter((l) => l.failed).slice(0, 2))
      lines.push(`  - failed: ${f.failed}`);
    for (const x of byRoute(r.cold))
      lines.push(
        `  - \`GET ${x.route}\` ×${x.perLoad.toFixed(x.perLoad % 1 ? 1 : 0)}: ${p50p95(x.times)} ms (first byte ${p50(x.ttfb)} ms)`,
      );
    for (const [path, times] of r.nodeSlowest)
      lines.push(
        `  - node, alone: \`GET ${path.length > 90 ? `${path.slice(0, 90)}…` : path}\` ${p50p95(times)} ms`,
      );
    if (r.details)
      lines.push(
        `  - node, alone: the ${r.details.count} case details the page fetched, 4 at a time: ${p50p95(r.details.ms)} ms`,
      );
  }
  return lines.join('\n');
}

/**
 * Waits (up to 2 minutes) for the machine to calm down after the load, or after whatever else runs on
 * it: until the 1-minute load average is under the number of cores plus one.
 */
async function quieter(): Promise<void> {
  const cores = availableParallelism();
  const until = performance.now() + 120_000;
  if (loadavg()[0] >= cores + 1)
    log(
      `pages: load average ${loadavg()[0].toFixed(1)} on ${cores} cores; waiting up to 2 min for it to fall`,
    );
  while (loadavg()[0] >= cores + 1 && performance.now() < until)
    await new Promise((r) => setTimeout(r, 2000));
}

async function main(): Promise<void> {
  const args = parseArgs();
  const started = performance.now();
  const loads: number[] = [];
  log(
    `pages: loading ${args.cases.toLocaleString('en-US')} cases into ${new URL(args.databaseUrl).pathname.slice(1)}…`,
  );
  const loaded = await loadCases(args);
  const d = loaded.data;
  log(
    `pages: loaded in ${loaded.seconds.toFixed(1)} s (not counted): ${d.cases.length} cases (${loaded.statuses}), ` +
      `${d.timeline.length} timeline entries, ${d.replies.length} replies, ${d.feedback.length} 回访, ` +
      `${d.clusters.length} clusters, ${d.notifications.length} notifications, ${loaded.indexed} cases in the search index; ` +
      `long case ${d.longCase.id} ` +
      `(${d.longCase.events} timeline entries)`,
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await quieter();
    loads.push(loadavg()[0]);
    // One unmeasured load first: the browser's own start-up is not a page's cost.
    const warmup = await browser.newContext(CONTEXT);
    await (await warmup.newPage()).goto(`${args.hubUrl}/board`, { waitUntil: 'load' });
    await warmup.close();
    const floor = await browserFloor(browser, args);
    const nodeHealth: number[] = [];
    for (let run = 0; run < args.runs; run++) {
      const t = performance.now();
      await (await fetch(`${args.hubUrl}/health`)).arrayBuffer();
      nodeHealth.push(performance.now() - t);
    }
    const results: PageResult[] = [];
    for (const spec of pageSpecs(d).filter(
      (p) => !args.only.length || args.only.some((o) => p.label.includes(o)),
    )) {
      log(`pages: ${spec.label}…`);
      loads.push(loadavg()[0]);
      results.push(await measurePage(browser, args, spec));
    }
    const total = (performance.now() - started) / 1000;
    process.stdout.write(
      [
        report(results, floor, nodeHealth, args.runs),
        '',
        `${args.cases.toLocaleString('en-US')} cases (${loaded.statuses}); loaded straight into PostgreSQL and the search index in ${loaded.seconds.toFixed(1)} s, not counted above. ` +
          `${args.runs} cold and ${args.runs} warm loads per page; Chromium headless 1440×900. ` +
          `Bench ${total.toFixed(0)} s after the hub started; 1-minute load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads, loadavg()[0]).toFixed(1)} ` +
          `during the measurements on ${availableParallelism()} cores (the hub, Kafka, OpenSearch, PostgreSQL and the browser share them).`,
        '',
      ].join('\n'),
    );
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
