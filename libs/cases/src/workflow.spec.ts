import {
  type Actor,
  allowedActions,
  type CaseState,
  decide,
  type WorkflowCommand,
  type WorkflowDeadlines,
  WorkflowError,
} from './workflow';

const now = new Date('2026-12-02T10:00:00+08:00');
const due = new Date('2026-12-04T17:30:00+08:00');

const base: CaseState = {
  id: 'c-1',
  version: 3,
  status: 'assigned',
  departmentCode: 'housing',
  dueAt: due,
  acceptedAt: null,
  returnCount: 0,
  arbitrated: false,
  extensionRequest: null,
  extendedDays: 0,
  reopenCount: 0,
  warnAt: new Date('2026-12-04T10:30:00+08:00'),
  answerDeadline: { rule: 'x' },
  slaWarnedFor: null,
  slaBreachedFor: null,
  pendingReply: null,
};

const staff: Actor = { username: 'housing.staff', role: 'staff', departmentCode: 'housing' };
const lead: Actor = { username: 'housing.lead', role: 'lead', departmentCode: 'housing' };
const otherStaff: Actor = { username: 'education.staff', role: 'staff', departmentCode: 'education' };
const dispatcher: Actor = { username: 'dispatcher', role: 'dispatcher', departmentCode: null };
const supervisor: Actor = { username: 'supervisor', role: 'supervisor', departmentCode: null };
const system: Actor = { username: 'system', role: 'system', departmentCode: null };

const extended = {
  dueAt: new Date('2026-12-09T17:30:00+08:00'),
  warnAt: new Date('2026-12-08T16:00:00+08:00'),
  explanation: { rule: 'ext' },
};
const rehandled = {
  dueAt: new Date('2026-12-07T10:00:00+08:00'),
  warnAt: new Date('2026-12-04T15:00:00+08:00'),
  explanation: { rule: 'rehandling' },
};
const deadlines: WorkflowDeadlines = {
  extend: (_s, days) => {
    if (days > 10) throw new WorkflowError('conflict', 'workingDays: over the cap');
    return extended;
  },
  rehandle: () => rehandled,
};

const run = (state: Partial<CaseState>, cmd: WorkflowCommand, actor: Actor, at = now) =>
  decide({ ...base, ...state }, cmd, actor, at, deadlines);

function refused(state: Partial<CaseState>, cmd: WorkflowCommand, actor: Actor, kind: string, at = now) {
  let error: unknown;
  try {
    run(state, cmd, actor, at);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(WorkflowError);
  expect((error as WorkflowError).kind).toBe(kind);
  return (error as WorkflowError).message;
}

describe('case workflow', () => {
  it('签收: the unit accepts an assigned case and the first-response clock stops', () => {
    const t = run({}, { action: 'accept' }, staff);
    expect(t).toMatchObject({
      type: 'case.accepted',
      status: 'accepted',
      departmentCode: 'housing',
      patch: { acceptedAt: now },
    });
  });

  it('refuses another unit (as if the case did not exist), a wrong role and a wrong state', () => {
    refused({}, { action: 'accept' }, otherStaff, 'not-found');
    refused({}, { action: 'accept' }, supervisor, 'forbidden');
    expect(refused({ status: 'accepted' }, { action: 'accept' }, staff, 'conflict')).toContain('已签收');
    refused({ status: 'merged' }, { action: 'remind' }, supervisor, 'conflict');
  });

  it('答复 → 审核: a reply waits for the lead; only the lead approves, and only an existing draft', () => {
    const submitted = run({ status: 'accepted' }, { action: 'reply', text: '答复内容' }, staff);
    expect(submitted).toMatchObject({
      type: 'case.reply-submitted',
      status: 'reply-review',
      reply: { op: 'submit', text: '答复内容' },
    });
    refused({ status: 'accepted' }, { action: 'approve-reply' }, lead, 'conflict');
    refused(
      { status: 'reply-review', pendingReply: { id: 7, text: '答复内容' } },
      { action: 'approve-reply' },
      staff,
      'forbidden',
    );
    const approved = run(
      { status: 'reply-review', pendingReply: { id: 7, text: '答复内容' } },
      { action: 'approve-reply' },
      lead,
    );
    expect(approved).toMatchObject({
      type: 'case.replied',
      status: 'replied',
      data: { text: '答复内容', approvedBy: 'housing.lead' },
      reply: { op: 'approve', replyId: 7 },
      patch: { repliedAt: now },
    });
    const rejected = run(
      { status: 'reply-review', pendingReply: { id: 7, text: 'x' } },
      { action: 'reject-reply', comment: '补充依据' },
      lead,
    );
    expect(rejected).toMatchObject({
      type: 'case.reply-rejected',
      status: 'accepted',
      reply: { op: 'reject', replyId: 7, comment: '补充依据' },
    });
  });

  it('a shared answer the lead already approved is sent without a second review', () => {
    const t = run(
      { status: 'accepted' },
      { action: 'reply', text: '统一回应', sharedAnswerId: 'sa-1', preApprovedBy: 'housing.lead' },
      staff,
    );
    expect(t).toMatchObject({
      type: 'case.replied',
      status: 'replied',
      data: { text: '统一回应', sharedAnswerId: 'sa-1', approvedBy: 'housing.lead' },
      reply: { op: 'submit-approved', approvedBy: 'housing.lead' },
    });
  });

  it('退单 goes back to the dispatcher with the coded reason; after two returns the assignment is an arbitration', () => {
    const t = run(
      { status: 'accepted' },
      { action: 'return', reasonCode: 'not-local', comment: '不在本辖区' },
      staff,
    );
    expect(t).toMatchObject({
      type: 'case.returned',
      status: 'pending-dispatch',
      departmentCode: null,
      patch: { returnCount: 1 },
      data: { from: 'housing', reasonCode: 'not-local', reason: '属地不符' },
    });
    const arbitration = run(
      { status: 'pending-dispatch', departmentCode: null, returnCount: 2 },
      { action: 'assign', departmentCode: 'housing' },
      dispatcher,
    );
    expect(arbitration).toMatchObject({
      type: 'case.assigned',
      departmentCode: 'housing',
      patch: { arbitrated: true },
      data: { arbitration: true },
    });
    expect(
      refused(
        { arbitrated: true },
        { action: 'return', reasonCode: 'other', comment: 'x' },
        staff,
        'conflict',
      ),
    ).toContain('仲裁');
  });

  it("a dispatcher's choice of unit becomes a training example", () => {
    expect(
      run(
        { status: 'pending-dispatch', departmentCode: null },
        { action: 'assign', departmentCode: 'education' },
        dispatcher,
      ).correction,
    ).toEqual({ label: 'education' });
    refused({}, { action: 'assign', departmentCode: 'housing' }, dispatcher, 'conflict');
  });

  it('转办 to another unit, never to the same one', () => {
    expect(run({}, { action: 'transfer', departmentCode: 'education', reason: '职责' }, staff)).toMatchObject(
      {
        type: 'case.transferred',
        status: 'assigned',
        departmentCode: 'education',
      },
    );
    refused({}, { action: 'transfer', departmentCode: 'housing', reason: 'x' }, staff, 'invalid');
  });

  it('延期: requested before the deadline, one at a time, decided by a supervisor', () => {
    const req = run(
      { status: 'accepted' },
      { action: 'request-extension', workingDays: 3, reason: '需现场勘查' },
      staff,
    );
    expect(req.patch.extensionRequest).toMatchObject({ workingDays: 3, requestedBy: 'housing.staff' });
    refused(
      { status: 'accepted' },
      { action: 'request-extension', workingDays: 3, reason: 'late' },
      staff,
      'conflict',
      new Date(due.getTime() + 1),
    );
    refused(
      { status: 'accepted' },
      { action: 'request-extension', workingDays: 11, reason: 'too long' },
      staff,
      'conflict',
    );
    const pending = {
      status: 'accepted' as const,
      extensionRequest: { workingDays: 3, reason: 'r', requestedBy: 's', requestedAt: now.toISOString() },
    };
    refused(pending, { action: 'request-extension', workingDays: 2, reason: 'again' }, staff, 'conflict');
    refused(pending, { action: 'decide-extension', approve: true }, lead, 'forbidden');
    const approved = run(pending, { action: 'decide-extension', approve: true }, supervisor);
    expect(approved.patch).toEqual({ extensionRequest: null, deadline: extended, extendedDays: 3 });
    const denied = run(
      pending,
      { action: 'decide-extension', approve: false, comment: '不予延期' },
      supervisor,
    );
    expect(denied.patch).toEqual({ extensionRequest: null });
    refused({ status: 'accepted' }, { action: 'decide-extension', approve: true }, supervisor, 'conflict');
  });

  it('重办 reopens a replied case with the re-handling deadline, for the same unit to accept again', () => {
    const t = run({ status: 'replied' }, { action: 'reopen', reason: '回访不满意' }, system);
    expect(t).toMatchObject({
      type: 'case.reopened',
      status: 'assigned',
      departmentCode: 'housing',
      patch: { deadline: rehandled, reopenCount: 1, repliedAt: null, acceptedAt: null },
    });
    refused({ status: 'accepted' }, { action: 'reopen', reason: 'x' }, supervisor, 'conflict');
  });

  it('并案 into another case, not into itself', () => {
    expect(run({}, { action: 'merge', intoCaseId: 'c-2' }, dispatcher)).toMatchObject({
      status: 'merged',
      patch: { mergedInto: 'c-2' },
    });
    refused({}, { action: 'merge', intoCaseId: 'c-1' }, dispatcher, 'invalid');
  });

  it('督办 and 催办 notify the unit', () => {
    expect(run({}, { action: 'supervise', comment: '重点督办' }, supervisor).notice).toMatchObject({
      kind: 'supervision',
      recipients: [
        { role: 'staff', departmentCode: 'housing' },
        { role: 'lead', departmentCode: 'housing' },
      ],
    });
    expect(run({}, { action: 'remind' }, dispatcher).type).toBe('case.reminded');
    refused({}, { action: 'supervise' }, dispatcher, 'forbidden');
  });

  it('SLA: a warning from the warning time, a breach from the deadline, each once per deadline', () => {
    const warnAt = base.warnAt!;
    refused({}, { action: 'sla-warning' }, system, 'conflict', new Date(warnAt.getTime() - 1));
    expect(run({}, { action: 'sla-warning' }, system, warnAt)).toMatchObject({
      type: 'case.sla-warning',
      patch: { slaWarnedFor: due },
    });
    refused({ slaWarnedFor: due }, { action: 'sla-warning' }, system, 'conflict', warnAt);
    refused({}, { action: 'sla-warning' }, system, 'conflict', due);
    refused({}, { action: 'sla-breach' }, system, 'conflict', new Date(due.getTime() - 1));
    expect(run({}, { action: 'sla-breach' }, system, due)).toMatchObject({
      type: 'case.sla-breached',
      patch: { slaBreachedFor: due, slaWarnedFor: due },
    });
    refused({ slaBreachedFor: due }, { action: 'sla-breach' }, system, 'conflict', due);
    // A moved deadline is watched afresh.
    expect(
      run({ slaBreachedFor: due, dueAt: extended.dueAt }, { action: 'sla-breach' }, system, extended.dueAt)
        .type,
    ).toBe('case.sla-breached');
    refused({}, { action: 'sla-breach' }, supervisor, 'forbidden', due);
  });

  it('offers each actor the steps their role, unit and the state allow', () => {
    expect(allowedActions({ id: 'c', status: 'assigned', departmentCode: 'housing' }, staff)).toEqual([
      'accept',
      'return',
      'transfer',
      'request-extension',
    ]);
    expect(allowedActions({ id: 'c', status: 'reply-review', departmentCode: 'housing' }, lead)).toEqual([
      'approve-reply',
      'reject-reply',
    ]);
    expect(allowedActions({ id: 'c', status: 'assigned', departmentCode: 'housing' }, otherStaff)).toEqual(
      [],
    );
    expect(allowedActions({ id: 'c', status: 'replied', departmentCode: 'housing' }, supervisor)).toEqual([
      'reopen',
    ]);
  });

  it('回访 is recorded once the case was replied to', () => {
    const feedback = {
      visitedAt: now.toISOString(),
      reached: true,
      resolved: 'resolved' as const,
      satisfaction: 'satisfied' as const,
      comment: null,
    };
    expect(run({ status: 'replied' }, { action: 'record-feedback', feedback }, system)).toMatchObject({
      type: 'case.feedback-received',
      feedback,
    });
    refused({ status: 'accepted' }, { action: 'record-feedback', feedback }, system, 'conflict');
  });
});
