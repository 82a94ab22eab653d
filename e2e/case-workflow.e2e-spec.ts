import { randomUUID } from 'node:crypto';
import { type ChildProcess } from 'node:child_process';
import { Topics } from '@hub/contracts';
import { KafkaPublisher, TopicNaming } from '@hub/messaging';
import { expectEventually } from '@hub/testing';
import {
  call,
  callAs,
  e2eKafka,
  type Json,
  sql,
  startService,
  stopped,
  TOPIC_PREFIX,
  topicMessages,
} from './e2e-kit';

const run = `w${randomUUID().slice(0, 8)}`;
let intake: ChildProcess;

beforeAll(() => {
  intake = startService('intake', 'e2e-intake-workflow.log');
});

afterAll(async () => {
  intake.kill('SIGTERM');
  await stopped(intake);
});

async function publish(topic: string, key: string, value: object) {
  const publisher = new KafkaPublisher(e2eKafka(), new TopicNaming(TOPIC_PREFIX));
  try {
    await publisher.publish(topic, [{ key, value: JSON.stringify(value) }]);
  } finally {
    await publisher.disconnect();
  }
}

/** A board post citing the district's policy, which triage routes to 区政府办公室 (gov-office). */
async function routedPost(suffix: string, content = '请问政府开放月活动如何报名？') {
  const posted = await call('POST', '/api/v1/board/posts', {
    postId: `${run}-${suffix}`,
    policyDocNo: '静府办发〔2026〕4号',
    title: `政府开放月 ${suffix}`,
    content: `${content} 联系电话13912345678`,
  });
  expect(posted.status).toBe(202);
  await routed(posted.json.caseId, 'gov-office');
  return posted.json as { caseId: string; trackingCode: string };
}

async function routed(caseId: string, unit: string | null): Promise<Json> {
  return expectEventually(
    async () => {
      const c = (await callAs('admin', 'GET', `/api/v1/cases/${caseId}`)).json;
      return c?.status !== 'received' && c?.departmentCode === unit ? c : undefined;
    },
    { timeoutMs: 30000, what: `case ${caseId} routed to ${unit}` },
  );
}

async function act(user: string, caseId: string, action: string, body: object = {}) {
  return callAs(user, 'POST', `/api/v1/cases/${caseId}/${action}`, body);
}

async function ok(user: string, caseId: string, action: string, body: object = {}) {
  const r = await act(user, caseId, action, body);
  if (r.status !== 200) throw new Error(`${user} ${action}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}

/** The event types `hub.case-events.v1` carries for a case, in order, once it holds `last`. */
async function eventsOf(caseId: string, last: string): Promise<Json[]> {
  return expectEventually(
    async () => {
      const events = (await topicMessages(Topics.caseEvents))
        .map((m) => JSON.parse(m.value!.toString()))
        .filter((e) => e.caseId === caseId);
      return events.some((e) => e.type === last) ? events : undefined;
    },
    { timeoutMs: 30000, what: `${last} for ${caseId} on the topic` },
  );
}

describe('case workflow through the public API', () => {
  it('签收 → 答复 → 审核 (rejected, then approved) → 回复 → 办结, with access control, masking and audit', async () => {
    const { caseId, trackingCode } = await routedPost('happy');

    // Another unit cannot see or act on the case; the staff view is masked.
    expect((await callAs('housing.staff', 'GET', `/api/v1/cases/${caseId}`)).status).toBe(404);
    expect((await act('housing.staff', caseId, 'accept')).status).toBe(404);
    expect((await callAs('housing.staff', 'GET', `/api/v1/cases?externalRef=${run}-happy`)).json.total).toBe(
      0,
    );
    const view = await callAs('gov-office.staff', 'GET', `/api/v1/cases/${caseId}`);
    expect(view.status).toBe(200);
    expect(JSON.stringify(view.json)).not.toContain('13912345678');
    expect(view.json.deadlines).toMatchObject({
      computed: { answer: { rule: expect.stringContaining('board') } },
    });
    expect(view.json.firstResponseDueAt).not.toBeNull();

    // Unmasked contact details: for staff of the unit, audited; not for analysts.
    expect((await callAs('analyst', 'GET', `/api/v1/cases/${caseId}/contact`)).status).toBe(403);
    expect(
      JSON.stringify((await callAs('gov-office.staff', 'GET', `/api/v1/cases/${caseId}/contact`)).json),
    ).toContain('13912345678');

    // Wrong order, wrong role.
    expect((await act('gov-office.lead', caseId, 'approve-reply')).status).toBe(409);
    expect((await act('gov-office.staff', caseId, 'reply', { text: 'too early' })).status).toBe(409);
    expect((await act('analyst', caseId, 'accept')).status).toBe(403);
    expect(
      (await act('gov-office.staff', caseId, 'return', { reasonCode: 'nonsense', comment: 'x' })).json.errors,
    ).toEqual([expect.objectContaining({ field: 'reasonCode' })]);

    await ok('gov-office.staff', caseId, 'accept');
    await ok('gov-office.staff', caseId, 'reply', { text: `初稿 ${run}` });
    expect((await act('gov-office.staff', caseId, 'approve-reply')).status).toBe(403);
    await ok('gov-office.lead', caseId, 'reject-reply', { comment: '请补充报名网址' });
    const answer = `您好，政府开放月活动可在区政府网站报名。${run}`;
    await ok('gov-office.staff', caseId, 'reply', { text: answer });
    const before = (await call('GET', `/api/v1/board/posts/${trackingCode}`)).json;
    expect(before.answer).toBeNull();
    const replied = await ok('gov-office.lead', caseId, 'approve-reply');
    expect(replied).toMatchObject({ type: 'case.replied', status: 'replied' });
    const page = (await call('GET', `/api/v1/board/posts/${trackingCode}`)).json;
    expect(page).toMatchObject({ status: 'replied', answer: { text: answer } });
    expect(JSON.stringify(page)).not.toContain('初稿');
    await ok('gov-office.staff', caseId, 'close', { comment: '已答复' });

    const events = await eventsOf(caseId, 'case.closed');
    expect(events.map((e) => e.type)).toEqual([
      'case.created',
      'case.routed',
      'case.accepted',
      'case.reply-submitted',
      'case.reply-rejected',
      'case.reply-submitted',
      'case.replied',
      'case.closed',
    ]);
    expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events.find((e) => e.type === 'case.replied').data.text).toBe(answer);

    const detail = (await callAs('gov-office.lead', 'GET', `/api/v1/cases/${caseId}`)).json;
    expect(detail.replies.map((r: Json) => r.status)).toEqual(['approved', 'rejected']);
    expect(detail.timeline.map((t: Json) => t.actor)).toEqual(
      expect.arrayContaining(['gov-office.staff', 'gov-office.lead']),
    );
    const audit = (await callAs('supervisor', 'GET', `/api/v1/cases/${caseId}/audit`)).json;
    expect(audit.map((a: Json) => a.action)).toEqual([
      'personal-data.viewed',
      'case.accepted',
      'case.reply-submitted',
      'case.reply-rejected',
      'case.reply-submitted',
      'case.replied',
      'case.closed',
    ]);
  });

  it('退单 twice, then the dispatcher arbitrates; 转办; corrections become training examples', async () => {
    const { caseId } = await routedPost('return');
    await ok('gov-office.staff', caseId, 'return', {
      reasonCode: 'not-our-remit',
      comment: '不属于本单位职责',
    });
    expect((await callAs('gov-office.staff', 'GET', `/api/v1/cases/${caseId}`)).status).toBe(404);
    expect(
      (await callAs('dispatcher', 'GET', `/api/v1/cases?status=pending-dispatch&externalRef=${run}-return`))
        .json.total,
    ).toBe(1);
    expect(
      (await act('dispatcher', caseId, 'assign', { departmentCode: 'no-such-unit' })).json.errors[0].field,
    ).toBe('departmentCode');
    await ok('dispatcher', caseId, 'assign', { departmentCode: 'housing' });
    await ok('housing.staff', caseId, 'return', { reasonCode: 'not-local', comment: '属地不符' });
    const arbitration = await ok('dispatcher', caseId, 'assign', {
      departmentCode: 'housing',
      comment: '仲裁：由住房局办理',
    });
    expect(arbitration).toMatchObject({ type: 'case.assigned', departmentCode: 'housing' });
    const refused = await act('housing.staff', caseId, 'return', { reasonCode: 'other', comment: '再退' });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain('仲裁');
    await ok('housing.staff', caseId, 'transfer', {
      departmentCode: 'civil-affairs',
      reason: '涉及养老服务',
    });
    expect((await callAs('civil-affairs.staff', 'GET', `/api/v1/cases/${caseId}`)).json).toMatchObject({
      status: 'assigned',
      departmentCode: 'civil-affairs',
      returnCount: 2,
    });
    const examples = await sql<{ label: string; source: string }>(
      `SELECT label, source FROM training_example WHERE case_id = $1`,
      [caseId],
    );
    expect(examples).toEqual([{ label: 'housing', source: 'correction' }]);
    const events = await eventsOf(caseId, 'case.transferred');
    expect(events.filter((e) => e.type === 'case.returned').map((e) => e.data.reasonCode)).toEqual([
      'not-our-remit',
      'not-local',
    ]);
  });

  it('延期: requested before the deadline, approved by a supervisor, the deadline moves and says why', async () => {
    const { caseId } = await routedPost('extension');
    await ok('gov-office.staff', caseId, 'accept');
    const before = (await callAs('gov-office.staff', 'GET', `/api/v1/cases/${caseId}`)).json;
    await ok('gov-office.staff', caseId, 'request-extension', { workingDays: 3, reason: '需协调多个部门' });
    expect(
      (await act('gov-office.staff', caseId, 'request-extension', { workingDays: 1, reason: '再次' })).status,
    ).toBe(409);
    expect((await act('gov-office.lead', caseId, 'decide-extension', { approve: true })).status).toBe(403);
    const decided = await ok('supervisor', caseId, 'decide-extension', { approve: true, comment: '同意' });
    expect(new Date(decided.dueAt).getTime()).toBeGreaterThan(new Date(before.dueAt).getTime());
    const after = (await callAs('gov-office.staff', 'GET', `/api/v1/cases/${caseId}`)).json;
    expect(after.deadlines).toMatchObject({ extendedDays: 3, extensionRequest: null });
    expect(after.deadlines.computed.answer.rule).toContain('延期');
    expect(after.deadlines.computed.history).toHaveLength(1);
    expect(
      (await act('gov-office.staff', caseId, 'request-extension', { workingDays: 15, reason: '太长' }))
        .status,
    ).toBe(409);
  });

  it('督办, 催办 and 并案', async () => {
    const a = await routedPost('merge-a');
    const b = await routedPost('merge-b');
    await ok('supervisor', a.caseId, 'supervise', { comment: '重点督办' });
    await ok('dispatcher', a.caseId, 'remind', { comment: '请今日内签收' });
    expect((await act('dispatcher', a.caseId, 'supervise')).status).toBe(403);
    const notes = await sql<{ kind: string; role: string }>(
      `SELECT kind, role FROM notification WHERE case_id = $1 ORDER BY id`,
      [a.caseId],
    );
    expect(notes).toEqual([
      { kind: 'supervision', role: 'staff' },
      { kind: 'supervision', role: 'lead' },
      { kind: 'reminder', role: 'staff' },
      { kind: 'reminder', role: 'lead' },
    ]);
    expect((await act('dispatcher', b.caseId, 'merge', { intoCaseId: randomUUID() })).status).toBe(400);
    await ok('dispatcher', b.caseId, 'merge', { intoCaseId: a.caseId });
    expect((await callAs('admin', 'GET', `/api/v1/cases/${b.caseId}`)).json).toMatchObject({
      status: 'merged',
      mergedInto: a.caseId,
    });
    expect((await act('dispatcher', a.caseId, 'merge', { intoCaseId: b.caseId })).status).toBe(400);
  });

  it('two people acting at once: one step wins, the other is refused, nothing is lost', async () => {
    const { caseId } = await routedPost('race');
    const results = await Promise.all([
      act('gov-office.staff', caseId, 'accept'),
      act('gov-office.lead', caseId, 'accept'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    await ok('gov-office.staff', caseId, 'reply', { text: '答复' });
    const approvals = await Promise.all([
      act('gov-office.lead', caseId, 'approve-reply'),
      act('gov-office.lead', caseId, 'approve-reply'),
      act('gov-office.lead', caseId, 'reject-reply', { comment: '不同意' }),
    ]);
    expect(approvals.filter((r) => r.status === 200)).toHaveLength(1);
    const [row] = await sql<{ version: number }>(`SELECT version FROM case_record WHERE id = $1`, [caseId]);
    const timeline = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_timeline WHERE case_id = $1`,
      [caseId],
    );
    expect(timeline[0].n).toBe(row.version); // one timeline entry per version: no lost or doubled step
  });
});

describe('回访 and SLA through Kafka', () => {
  async function hotlineCase(ticketId: string, extra: object = {}) {
    await publish(Topics.hotlineTickets, ticketId, {
      ticketId,
      receivedAt: new Date().toISOString(),
      kind: 'consultation',
      content: '咨询静府办发〔2026〕4号文件中政府开放月活动的报名时间。',
      ...extra,
    });
    return expectEventually(
      async () => {
        const c = (await callAs('admin', 'GET', `/api/v1/cases?externalRef=${ticketId}`)).json.items[0];
        return c?.departmentCode === 'gov-office' ? c : undefined;
      },
      { timeoutMs: 30000, what: `${ticketId} routed` },
    );
  }

  async function answered(ticketId: string) {
    const c = await hotlineCase(ticketId);
    await ok('gov-office.staff', c.id, 'accept');
    await ok('gov-office.staff', c.id, 'reply', { text: '已答复' });
    await ok('gov-office.lead', c.id, 'approve-reply');
    return c.id as string;
  }

  it('不满意 → 重办 with the 3-working-day deadline; 满意 → 办结; a redelivered result changes nothing', async () => {
    const unhappy = await answered(`${run}-fb1`);
    const happy = await answered(`${run}-fb2`);
    const visit = { visitedAt: new Date().toISOString(), reached: true };
    const bad = {
      ticketId: `${run}-fb1`,
      ...visit,
      resolved: 'unresolved',
      satisfaction: 'dissatisfied',
      comment: '未解决',
    };
    await publish(Topics.hotlineFeedback, bad.ticketId, bad);
    await publish(Topics.hotlineFeedback, bad.ticketId, bad); // redelivery
    await publish(Topics.hotlineFeedback, `${run}-fb2`, {
      ticketId: `${run}-fb2`,
      ...visit,
      resolved: 'resolved',
      satisfaction: 'satisfied',
    });
    const reopened = await expectEventually(
      async () => {
        const c = (await callAs('admin', 'GET', `/api/v1/cases/${unhappy}`)).json;
        return c.status === 'assigned' && c.feedback.length === 1 ? c : undefined;
      },
      { timeoutMs: 20000, what: 'the dissatisfied case reopened' },
    );
    expect(reopened.deadlines.computed.answer.rule).toContain('rehandling');
    await expectEventually(
      async () =>
        (await callAs('admin', 'GET', `/api/v1/cases/${happy}`)).json.status === 'closed' || undefined,
      { timeoutMs: 20000, what: 'the satisfied case closed' },
    );
    const events = await eventsOf(unhappy, 'case.reopened');
    expect(events.slice(-2).map((e) => e.type)).toEqual(['case.feedback-received', 'case.reopened']);
    await new Promise((r) => setTimeout(r, 1500)); // let the redelivered copy arrive
    const again = (await topicMessages(Topics.caseEvents)).filter((m) =>
      m.value!.toString().includes(unhappy),
    );
    expect(
      again.map((m) => JSON.parse(m.value!.toString()).type).filter((t: string) => t === 'case.reopened'),
    ).toHaveLength(1);

    // A result for a ticket that never became a case ends in the dead-letter topic, with its reason.
    await publish(Topics.hotlineFeedback, `${run}-nope`, {
      ticketId: `${run}-nope`,
      visitedAt: visit.visitedAt,
      reached: false,
    });
    const dead = await expectEventually(
      async () =>
        (await topicMessages(`${Topics.hotlineFeedback}.dlt`)).find(
          (m) => m.key?.toString() === `${run}-nope`,
        ),
      { timeoutMs: 40000, what: 'the unknown ticket dead-lettered' },
    );
    expect(
      Object.values(dead.headers ?? {})
        .map(String)
        .join(' '),
    ).toContain('no case for hotline ticket');
  });

  it('SLA: the warning when a fifth of the time is left and the breach, each exactly once, with notifications', async () => {
    const now = Date.now();
    const c = await hotlineCase(`${run}-sla`, {
      // 22 s allowed: the warning is due after 17.6 s (a fifth left), once triage has routed it.
      receivedAt: new Date(now - 10_000).toISOString(),
      dueAt: new Date(now + 12_000).toISOString(),
    });
    const events = await eventsOf(c.id, 'case.sla-breached');
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'case.sla-warning')).toHaveLength(1);
    expect(types.filter((t) => t === 'case.sla-breached')).toHaveLength(1);
    expect(types.indexOf('case.sla-warning')).toBeLessThan(types.indexOf('case.sla-breached'));
    await new Promise((r) => setTimeout(r, 2500)); // more sweeps: nothing new
    const later = (await topicMessages(Topics.caseEvents)).filter((m) => m.key?.toString() === c.id);
    expect(later).toHaveLength(events.length);
    const notes = await sql<{ kind: string; role: string }>(
      `SELECT kind, role FROM notification WHERE case_id = $1 ORDER BY id`,
      [c.id],
    );
    expect(notes.map((n) => `${n.kind}:${n.role}`)).toEqual([
      'sla-warning:staff',
      'sla-warning:lead',
      'sla-warning:supervisor',
      'sla-breach:staff',
      'sla-breach:lead',
      'sla-breach:supervisor',
    ]);
    // The notification list of each recipient: the unit's staff and the supervisors, nobody else.
    const mine = async (user: string) =>
      (
        (await callAs(user, 'GET', '/api/v1/notifications?unread=true&limit=200')).json.items as Json[]
      ).filter((n) => n.caseId === c.id);
    expect((await mine('supervisor')).map((n) => n.kind)).toEqual(['sla-breach', 'sla-warning']);
    expect(await mine('gov-office.staff')).toHaveLength(2);
    expect(await mine('housing.staff')).toHaveLength(0);
    const [latest] = await mine('supervisor');
    expect((await callAs('supervisor', 'POST', `/api/v1/notifications/${latest.id}/read`)).status).toBe(204);
    expect((await callAs('housing.staff', 'POST', `/api/v1/notifications/${latest.id}/read`)).status).toBe(
      404,
    );
    expect((await mine('supervisor')).map((n) => n.kind)).toEqual(['sla-warning']);
  });
});
