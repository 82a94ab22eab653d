import { randomInt, randomUUID } from 'node:crypto';
import { expectEventually } from '@hub/testing';
import { call, callAs, CLUSTERED_WITHIN_MS, HUB_ENV, type Json } from './e2e-kit';

/**
 * The list of shared answers (统一回应) by status, `GET /api/v1/shared-answers?status=pending`: what
 * waits for a lead's 审核 across every question. Two units each draft one answer; each unit's lead
 * and staff see only their own unit's, admins and supervisors both, other roles none; a status that
 * does not exist is a 400 naming the field; an approved answer leaves the pending list.
 */
const run = `sa${randomUUID().slice(0, 6)}`;
/** A policy drafted by housing, registered by this spec, so that a board post citing it reaches housing. */
const housingDocNo = `静房审发〔2026〕${randomInt(1000, 99_999)}号`;
const directoryTtlMs = Number(HUB_ENV.TRIAGE_DIRECTORY_TTL_MS ?? 60_000);

const state: Record<'gov' | 'housing', { caseId?: string; clusterId?: string; answerId?: string }> = {
  gov: {},
  housing: {},
};

async function routedTo(postId: string, unit: string): Promise<Json> {
  return expectEventually(
    async () => {
      const c = (await callAs('admin', 'GET', `/api/v1/cases?externalRef=${postId}`)).json.items?.[0];
      return c?.departmentCode === unit ? c : undefined;
    },
    { timeoutMs: 30_000, what: `board post ${postId} routed to ${unit}` },
  );
}

async function clusterOf(caseId: string, staff: string): Promise<string> {
  return expectEventually(
    async () =>
      ((await callAs(staff, 'GET', `/api/v1/cases/${caseId}/suggestions`)).json.clusterId as string | null) ??
      undefined,
    { timeoutMs: CLUSTERED_WITHIN_MS, what: `case ${caseId} clustered` },
  );
}

const idsOf = (res: { json: Json }): string[] => (res.json.items as Json[]).map((a) => a.id as string);

async function pendingAs(username: string) {
  return callAs(username, 'GET', '/api/v1/shared-answers?status=pending&limit=200');
}

describe('shared answers waiting for review', () => {
  it('two units each draft a shared answer for a question of theirs', async () => {
    const policy = await callAs('admin', 'POST', '/api/v1/policies', {
      docNo: housingDocNo,
      title: `关于住宅小区公共收益公示的通知（${run}）`,
      drafterCode: 'housing',
    });
    expect(policy.status).toBe(201);
    // Triage re-reads the policy registry after its cache time.
    await new Promise((r) => setTimeout(r, directoryTtlMs + 1500));

    const posts = [
      {
        key: 'gov' as const,
        unit: 'gov-office',
        body: {
          postId: `${run}-gov`,
          policyDocNo: '静府办发〔2026〕4号',
          title: '政府信息公开年度报告',
          content: `请问区政府信息公开工作年度报告在哪里可以查到？（${run}）`,
        },
      },
      {
        key: 'housing' as const,
        unit: 'housing',
        body: {
          postId: `${run}-housing`,
          policyDocNo: housingDocNo,
          title: '小区公共收益',
          content: `小区停车费等公共收益多久公示一次，业主去哪里查看？（${run}）`,
        },
      },
    ];
    for (const p of posts) {
      expect((await call('POST', '/api/v1/board/posts', p.body)).status).toBe(202);
      const c = await routedTo(p.body.postId, p.unit);
      state[p.key].caseId = c.id;
      state[p.key].clusterId = await clusterOf(c.id, `${p.unit}.staff`);
      const drafted = await callAs(
        `${p.unit}.staff`,
        'POST',
        `/api/v1/clusters/${state[p.key].clusterId}/shared-answers`,
        { text: `您好，关于您的问题答复如下（${run} ${p.unit}）。` },
      );
      expect(drafted.status).toBe(201);
      expect(drafted.json).toMatchObject({ status: 'pending', departmentCode: p.unit });
      state[p.key].answerId = drafted.json.id;
    }
  }, 90_000);

  it("a lead and the unit's staff see their own unit's pending answers only", async () => {
    const gov = state.gov.answerId!;
    const housing = state.housing.answerId!;

    const govLead = await pendingAs('gov-office.lead');
    expect(govLead.status).toBe(200);
    expect(idsOf(govLead)).toContain(gov);
    expect(idsOf(govLead)).not.toContain(housing);
    expect((govLead.json.items as Json[]).every((a) => a.departmentCode === 'gov-office')).toBe(true);
    expect(govLead.json.total).toBe(govLead.json.items.length);
    // What the lead needs to judge it: the question, its size, the unit's cases it would answer.
    expect((govLead.json.items as Json[]).find((a) => a.id === gov)).toMatchObject({
      status: 'pending',
      clusterId: state.gov.clusterId,
      clusterTitle: expect.any(String),
      clusterMemberCount: expect.any(Number),
      openCases: expect.any(Number),
      draftedBy: 'gov-office.staff',
      draftedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      reviewedAt: null,
    });

    const housingLead = await pendingAs('housing.lead');
    expect(idsOf(housingLead)).toContain(housing);
    expect(idsOf(housingLead)).not.toContain(gov);
    expect(idsOf(await pendingAs('housing.staff'))).toEqual(idsOf(housingLead));
    // Another unit's lead sees none of these two.
    const other = await pendingAs('education.lead');
    expect(other.status).toBe(200);
    expect(idsOf(other)).not.toContain(gov);
    expect(idsOf(other)).not.toContain(housing);
  });

  it('admins and supervisors see every unit; dispatchers, analysts and anonymous callers none', async () => {
    for (const who of ['admin', 'supervisor']) {
      const res = await pendingAs(who);
      expect(res.status).toBe(200);
      expect(idsOf(res)).toEqual(expect.arrayContaining([state.gov.answerId, state.housing.answerId]));
    }
    for (const who of ['dispatcher', 'analyst']) expect((await pendingAs(who)).status).toBe(403);
    expect((await call('GET', '/api/v1/shared-answers?status=pending')).status).toBe(401);
  });

  it('refuses a status that does not exist, naming the field', async () => {
    const bad = await callAs('gov-office.lead', 'GET', '/api/v1/shared-answers?status=waiting');
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([{ field: 'status', problems: [expect.stringContaining('pending')] }]);
    expect((await callAs('gov-office.lead', 'GET', '/api/v1/shared-answers?limit=0')).status).toBe(400);
  });

  it('an approved answer leaves the pending list and is listed as approved; the other unit may not approve it', async () => {
    const id = state.gov.answerId!;
    expect((await callAs('housing.lead', 'POST', `/api/v1/shared-answers/${id}/approve`, {})).status).toBe(
      403,
    );
    const approved = await callAs('gov-office.lead', 'POST', `/api/v1/shared-answers/${id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(idsOf(await pendingAs('gov-office.lead'))).not.toContain(id);
    const listed = await callAs('gov-office.lead', 'GET', '/api/v1/shared-answers?status=approved');
    expect((listed.json.items as Json[]).find((a) => a.id === id)).toMatchObject({
      status: 'approved',
      reviewedBy: 'gov-office.lead',
    });
    // Without a status: every status of the unit.
    const all = await callAs('housing.lead', 'GET', '/api/v1/shared-answers');
    expect(idsOf(all)).toContain(state.housing.answerId);
    expect(idsOf(all)).not.toContain(id);
  });
});
