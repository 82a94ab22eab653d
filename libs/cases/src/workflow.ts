import { type CaseEventType, type CaseStatus } from '@hub/contracts';

/** Roles as the workflow knows them (the same names as `@hub/auth`). */
export type ActorRole =
  'admin' | 'dispatcher' | 'staff' | 'lead' | 'supervisor' | 'analyst' | 'integration' | 'system';

export interface Actor {
  username: string;
  role: ActorRole;
  departmentCode: string | null;
}

/** 退单 reason codes (a return without one is refused). */
export const RETURN_REASONS = {
  'not-local': '属地不符',
  'not-our-remit': '职能不符',
  incomplete: '信息不全',
  duplicate: '重复件',
  other: '其他',
} as const;
export type ReturnReason = keyof typeof RETURN_REASONS;

/** After this many 退单 the dispatcher's next assignment is an arbitration (仲裁): no further return. */
export const RETURNS_BEFORE_ARBITRATION = 2;

export interface ExtensionRequest {
  workingDays: number;
  reason: string;
  requestedBy: string;
  requestedAt: string;
}

/** What the workflow reads of a case. */
export interface CaseState {
  id: string;
  version: number;
  status: CaseStatus;
  departmentCode: string | null;
  dueAt: Date | null;
  acceptedAt: Date | null;
  returnCount: number;
  arbitrated: boolean;
  extensionRequest: ExtensionRequest | null;
  extendedDays: number;
  reopenCount: number;
  warnAt: Date | null;
  /** The stored computation of the answer deadline (`deadlines.answer`), which an extension builds on. */
  answerDeadline: unknown;
  /** The due time an SLA warning / breach already went out for (once per deadline). */
  slaWarnedFor: Date | null;
  slaBreachedFor: Date | null;
  /** The reply waiting for review (审核), if any. */
  pendingReply: { id: number; text: string } | null;
}

export type WorkflowCommand =
  | { action: 'assign'; departmentCode: string; comment?: string }
  | { action: 'accept' }
  | { action: 'return'; reasonCode: ReturnReason; comment: string }
  | { action: 'transfer'; departmentCode: string; reason: string }
  | { action: 'remind'; comment?: string }
  | { action: 'supervise'; comment?: string }
  | { action: 'request-extension'; workingDays: number; reason: string }
  | { action: 'decide-extension'; approve: boolean; comment?: string }
  | { action: 'reply'; text: string; sharedAnswerId?: string; preApprovedBy?: string }
  | { action: 'approve-reply'; comment?: string }
  | { action: 'reject-reply'; comment: string }
  | { action: 'close'; comment?: string }
  | { action: 'merge'; intoCaseId: string }
  | { action: 'reopen'; reason: string }
  // Steps the hub takes itself (actor role `system`), never offered over HTTP:
  | { action: 'record-feedback'; feedback: FollowUpFeedback }
  | { action: 'sla-warning' }
  | { action: 'sla-breach' };

/** 回访 — the call centre's follow-up call (`hotline.feedback.v1`). */
export interface FollowUpFeedback {
  visitedAt: string;
  reached: boolean;
  resolved: 'resolved' | 'partly' | 'unresolved' | null;
  satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
  comment: string | null;
}
export type WorkflowAction = WorkflowCommand['action'];

/** A deadline as the case stores it: the instants and how they were computed. */
export interface DeadlineUpdate {
  dueAt: Date;
  warnAt: Date;
  explanation: object;
}

/** Port: the deadline rules the workflow needs (extension, re-handling). */
export interface WorkflowDeadlines {
  /** The answer deadline moved by an approved extension; throws WorkflowError when over the cap. */
  extend(state: CaseState, workingDays: number): DeadlineUpdate;
  /** 重办: the re-handling deadline counted from `at`. */
  rehandle(at: Date): DeadlineUpdate;
}

/** Columns a step changes besides status, unit and version. */
export interface CasePatch {
  acceptedAt?: Date | null;
  repliedAt?: Date | null;
  closedAt?: Date | null;
  returnCount?: number;
  arbitrated?: boolean;
  mergedInto?: string;
  supervisedAt?: Date;
  extensionRequest?: ExtensionRequest | null;
  extendedDays?: number;
  reopenCount?: number;
  deadline?: DeadlineUpdate;
  slaWarnedFor?: Date;
  slaBreachedFor?: Date;
}

/** Who is told about a step (the unit's staff and lead, supervisors), in the notification list. */
export interface Notice {
  kind: 'sla-warning' | 'sla-breach' | 'reminder' | 'supervision' | 'reopened';
  text: string;
  recipients: { role: ActorRole; departmentCode: string | null }[];
}

export type ReplyChange =
  | { op: 'submit'; text: string; sharedAnswerId: string | null }
  /** A shared answer (统一回应) the unit's lead already approved: sent without a second review. */
  | { op: 'submit-approved'; text: string; sharedAnswerId: string; approvedBy: string }
  | { op: 'approve'; replyId: number; comment: string | null }
  | { op: 'reject'; replyId: number; comment: string };

/** What one step does to a case: the event it emits and what it writes. */
export interface Transition {
  type: CaseEventType;
  status: CaseStatus;
  departmentCode: string | null;
  patch: CasePatch;
  /** The event's `data` and the timeline entry's. */
  data: Record<string, unknown>;
  reply?: ReplyChange;
  /** A dispatcher's choice of unit is a human label: kept as a training example for the classifier. */
  correction?: { label: string };
  feedback?: FollowUpFeedback;
  notice?: Notice;
}

export type WorkflowErrorKind = 'forbidden' | 'not-found' | 'conflict' | 'invalid';

/** A refused step: 403, 404 (a case the caller may not see), 409 (wrong state) or 400. */
export class WorkflowError extends Error {
  constructor(
    readonly kind: WorkflowErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const OPEN: readonly CaseStatus[] = ['received', 'pending-dispatch', 'assigned', 'accepted', 'reply-review'];

interface Rule {
  roles: readonly ActorRole[];
  from: readonly CaseStatus[];
  /** Staff and leads act only on their own unit's cases (also enforced when the case is read). */
  ownUnit: boolean;
}

/** Who may take each step, and from which states (DESIGN.md, "Case lifecycle"). */
export const WORKFLOW_RULES: Record<WorkflowAction, Rule> = {
  assign: {
    roles: ['dispatcher', 'admin'],
    from: ['received', 'pending-dispatch', 'assigned'],
    ownUnit: false,
  },
  accept: { roles: ['staff', 'lead'], from: ['assigned'], ownUnit: true },
  return: { roles: ['staff', 'lead'], from: ['assigned', 'accepted'], ownUnit: true },
  transfer: {
    roles: ['staff', 'lead', 'dispatcher', 'admin'],
    from: ['assigned', 'accepted'],
    ownUnit: true,
  },
  remind: { roles: ['supervisor', 'dispatcher', 'admin'], from: OPEN, ownUnit: false },
  supervise: { roles: ['supervisor', 'admin'], from: OPEN, ownUnit: false },
  'request-extension': { roles: ['staff', 'lead'], from: ['assigned', 'accepted'], ownUnit: true },
  'decide-extension': {
    roles: ['supervisor', 'admin'],
    from: ['assigned', 'accepted', 'reply-review'],
    ownUnit: false,
  },
  reply: { roles: ['staff', 'lead'], from: ['accepted'], ownUnit: true },
  'approve-reply': { roles: ['lead'], from: ['reply-review'], ownUnit: true },
  'reject-reply': { roles: ['lead'], from: ['reply-review'], ownUnit: true },
  close: { roles: ['staff', 'lead', 'dispatcher', 'admin', 'system'], from: ['replied'], ownUnit: true },
  merge: {
    roles: ['dispatcher', 'admin'],
    from: ['received', 'pending-dispatch', 'assigned', 'accepted'],
    ownUnit: false,
  },
  reopen: {
    roles: ['supervisor', 'dispatcher', 'admin', 'system'],
    from: ['replied', 'closed'],
    ownUnit: false,
  },
  'record-feedback': { roles: ['system'], from: ['replied', 'closed'], ownUnit: false },
  'sla-warning': { roles: ['system'], from: OPEN, ownUnit: false },
  'sla-breach': { roles: ['system'], from: OPEN, ownUnit: false },
};

const STATUS_NAMES: Record<CaseStatus, string> = {
  received: '受理 received',
  'pending-dispatch': '待派单 pending dispatch',
  assigned: '已派单 assigned',
  accepted: '已签收 accepted',
  'reply-review': '答复审核中 reply under review',
  replied: '已回复 replied',
  closed: '已办结 closed',
  merged: '已并案 merged',
};

/** The checks every step shares: role, own unit, state. */
export function authorize(state: CaseState, action: WorkflowAction, actor: Actor): void {
  const rule = WORKFLOW_RULES[action];
  if (!rule.roles.includes(actor.role)) {
    throw new WorkflowError(
      'forbidden',
      `${action}: not for role ${actor.role} (for ${rule.roles.join(', ')})`,
    );
  }
  if (
    rule.ownUnit &&
    (actor.role === 'staff' || actor.role === 'lead') &&
    actor.departmentCode !== state.departmentCode
  ) {
    throw new WorkflowError('not-found', `no case ${state.id}`);
  }
  if (!rule.from.includes(state.status)) {
    throw new WorkflowError(
      'conflict',
      `${action}: not possible while the case is ${STATUS_NAMES[state.status]} (possible from ${rule.from.join(', ')})`,
    );
  }
}

/** Steps the hub takes itself; never offered to people. */
const SYSTEM_STEPS: readonly WorkflowAction[] = ['record-feedback', 'sla-warning', 'sla-breach'];

/**
 * The steps this actor may take on a case in its current state (by role, unit and status; a step
 * can still be refused for its own reasons, e.g. an extension past the deadline). The UI shows these.
 */
export function allowedActions(
  state: Pick<CaseState, 'id' | 'status' | 'departmentCode'>,
  actor: Actor,
): WorkflowAction[] {
  return (Object.keys(WORKFLOW_RULES) as WorkflowAction[]).filter((action) => {
    if (SYSTEM_STEPS.includes(action)) return false;
    try {
      authorize(state as CaseState, action, actor);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * One workflow step, decided without I/O: checks who may take it from which state, and says what
 * changes and which event goes out. The caller has locked the case row and writes the result with
 * the outbox row and the audit entry in one transaction.
 */
export function decide(
  state: CaseState,
  cmd: WorkflowCommand,
  actor: Actor,
  now: Date,
  deadlines: WorkflowDeadlines,
): Transition {
  authorize(state, cmd.action, actor);
  const unit = state.departmentCode;
  switch (cmd.action) {
    case 'assign': {
      if (cmd.departmentCode === unit && state.status === 'assigned') {
        throw new WorkflowError('conflict', `assign: the case is already with ${unit}`);
      }
      const arbitration = state.returnCount >= RETURNS_BEFORE_ARBITRATION;
      return {
        type: 'case.assigned',
        status: 'assigned',
        departmentCode: cmd.departmentCode,
        patch: { arbitrated: arbitration, acceptedAt: null },
        data: { from: unit, to: cmd.departmentCode, arbitration, comment: cmd.comment ?? null },
        correction: { label: cmd.departmentCode },
      };
    }
    case 'accept':
      return {
        type: 'case.accepted',
        status: 'accepted',
        departmentCode: unit,
        patch: { acceptedAt: now },
        data: {},
      };
    case 'return':
      if (state.arbitrated) {
        throw new WorkflowError(
          'conflict',
          'return: the dispatcher arbitrated this assignment (仲裁), it cannot be returned again',
        );
      }
      return {
        type: 'case.returned',
        status: 'pending-dispatch',
        departmentCode: null,
        patch: { returnCount: state.returnCount + 1, acceptedAt: null },
        data: {
          from: unit,
          reasonCode: cmd.reasonCode,
          reason: RETURN_REASONS[cmd.reasonCode],
          comment: cmd.comment,
          returns: state.returnCount + 1,
        },
      };
    case 'transfer':
      if (cmd.departmentCode === unit)
        throw new WorkflowError(
          'invalid',
          'departmentCode: is the unit that has the case (转办 needs another)',
        );
      return {
        type: 'case.transferred',
        status: 'assigned',
        departmentCode: cmd.departmentCode,
        patch: { acceptedAt: null },
        data: { from: unit, to: cmd.departmentCode, reason: cmd.reason },
      };
    case 'remind':
      return {
        type: 'case.reminded',
        status: state.status,
        departmentCode: unit,
        patch: {},
        data: { comment: cmd.comment ?? null },
        notice: {
          kind: 'reminder',
          text: `催办：${cmd.comment ?? '请抓紧办理'}`,
          recipients: unitStaff(unit),
        },
      };
    case 'supervise':
      return {
        type: 'case.supervised',
        status: state.status,
        departmentCode: unit,
        patch: { supervisedAt: now },
        data: { comment: cmd.comment ?? null },
        notice: {
          kind: 'supervision',
          text: `督办：${cmd.comment ?? '本件已列入督办'}`,
          recipients: unitStaff(unit),
        },
      };
    case 'request-extension':
      if (state.extensionRequest)
        throw new WorkflowError('conflict', 'request-extension: a request is already waiting for a decision');
      if (state.dueAt && now >= state.dueAt) {
        throw new WorkflowError(
          'conflict',
          `request-extension: only before the deadline (${state.dueAt.toISOString()})`,
        );
      }
      deadlines.extend(state, cmd.workingDays); // refuses an extension over the cap now, not at the decision
      return {
        type: 'case.extension-requested',
        status: state.status,
        departmentCode: unit,
        patch: {
          extensionRequest: {
            workingDays: cmd.workingDays,
            reason: cmd.reason,
            requestedBy: actor.username,
            requestedAt: now.toISOString(),
          },
        },
        data: { workingDays: cmd.workingDays, reason: cmd.reason },
      };
    case 'decide-extension': {
      const request = state.extensionRequest;
      if (!request) throw new WorkflowError('conflict', 'decide-extension: no extension request is waiting');
      const deadline = cmd.approve ? deadlines.extend(state, request.workingDays) : undefined;
      return {
        type: 'case.extension-decided',
        status: state.status,
        departmentCode: unit,
        patch: {
          extensionRequest: null,
          ...(deadline ? { deadline, extendedDays: state.extendedDays + request.workingDays } : {}),
        },
        data: {
          approve: cmd.approve,
          workingDays: request.workingDays,
          comment: cmd.comment ?? null,
          dueAt: deadline?.dueAt.toISOString() ?? state.dueAt?.toISOString() ?? null,
        },
      };
    }
    case 'reply':
      if (cmd.preApprovedBy && cmd.sharedAnswerId) {
        return {
          type: 'case.replied',
          status: 'replied',
          departmentCode: unit,
          patch: { repliedAt: now },
          data: { text: cmd.text, sharedAnswerId: cmd.sharedAnswerId, approvedBy: cmd.preApprovedBy },
          reply: {
            op: 'submit-approved',
            text: cmd.text,
            sharedAnswerId: cmd.sharedAnswerId,
            approvedBy: cmd.preApprovedBy,
          },
        };
      }
      return {
        type: 'case.reply-submitted',
        status: 'reply-review',
        departmentCode: unit,
        patch: {},
        data: { sharedAnswerId: cmd.sharedAnswerId ?? null },
        reply: { op: 'submit', text: cmd.text, sharedAnswerId: cmd.sharedAnswerId ?? null },
      };
    case 'approve-reply': {
      const reply = pendingReply(state, cmd.action);
      return {
        type: 'case.replied',
        status: 'replied',
        departmentCode: unit,
        patch: { repliedAt: now },
        data: { text: reply.text, approvedBy: actor.username },
        reply: { op: 'approve', replyId: reply.id, comment: cmd.comment ?? null },
      };
    }
    case 'reject-reply': {
      const reply = pendingReply(state, cmd.action);
      return {
        type: 'case.reply-rejected',
        status: 'accepted',
        departmentCode: unit,
        patch: {},
        data: { comment: cmd.comment },
        reply: { op: 'reject', replyId: reply.id, comment: cmd.comment },
      };
    }
    case 'close':
      return {
        type: 'case.closed',
        status: 'closed',
        departmentCode: unit,
        patch: { closedAt: now },
        data: { comment: cmd.comment ?? null },
      };
    case 'merge':
      if (cmd.intoCaseId === state.id) throw new WorkflowError('invalid', 'intoCaseId: is this case itself');
      return {
        type: 'case.merged',
        status: 'merged',
        departmentCode: unit,
        patch: { mergedInto: cmd.intoCaseId, closedAt: now },
        data: { intoCaseId: cmd.intoCaseId },
      };
    case 'reopen': {
      if (!unit) throw new WorkflowError('conflict', 'reopen: the case has no unit to re-handle it');
      const deadline = deadlines.rehandle(now);
      return {
        type: 'case.reopened',
        status: 'assigned',
        departmentCode: unit,
        patch: {
          deadline,
          reopenCount: state.reopenCount + 1,
          repliedAt: null,
          closedAt: null,
          acceptedAt: null,
        },
        data: { reason: cmd.reason, dueAt: deadline.dueAt.toISOString(), rehandling: state.reopenCount + 1 },
        notice: { kind: 'reopened', text: `重办：${cmd.reason}`, recipients: unitStaff(unit) },
      };
    }
    case 'record-feedback':
      return {
        type: 'case.feedback-received',
        status: state.status,
        departmentCode: unit,
        patch: {},
        data: { ...cmd.feedback },
        feedback: cmd.feedback,
      };
    case 'sla-warning': {
      const due = slaDue(state, cmd.action);
      if (!state.warnAt || now < state.warnAt || now >= due || sameInstant(state.slaWarnedFor, due)) {
        throw new WorkflowError('conflict', 'sla-warning: not due, already sent or overtaken by the breach');
      }
      return {
        type: 'case.sla-warning',
        status: state.status,
        departmentCode: unit,
        patch: { slaWarnedFor: due },
        data: { dueAt: due.toISOString(), warnAt: state.warnAt.toISOString() },
        notice: {
          kind: 'sla-warning',
          text: `临期预警：办理时限 ${due.toISOString()}，剩余不足五分之一`,
          recipients: [...unitStaff(unit), ...SUPERVISORS],
        },
      };
    }
    case 'sla-breach': {
      const due = slaDue(state, cmd.action);
      if (now < due || sameInstant(state.slaBreachedFor, due))
        throw new WorkflowError('conflict', 'sla-breach: not overdue or already reported');
      return {
        type: 'case.sla-breached',
        status: state.status,
        departmentCode: unit,
        patch: { slaBreachedFor: due, slaWarnedFor: due },
        data: { dueAt: due.toISOString() },
        notice: {
          kind: 'sla-breach',
          text: `已超期：办理时限 ${due.toISOString()}`,
          recipients: [...unitStaff(unit), ...SUPERVISORS],
        },
      };
    }
  }
}

const SUPERVISORS: Notice['recipients'] = [{ role: 'supervisor', departmentCode: null }];

function unitStaff(unit: string | null): Notice['recipients'] {
  return unit
    ? [
        { role: 'staff', departmentCode: unit },
        { role: 'lead', departmentCode: unit },
      ]
    : [{ role: 'dispatcher', departmentCode: null }];
}

function slaDue(state: CaseState, action: WorkflowAction): Date {
  if (!state.dueAt) throw new WorkflowError('conflict', `${action}: the case has no deadline`);
  return state.dueAt;
}

function sameInstant(a: Date | null, b: Date): boolean {
  return a !== null && a.getTime() === b.getTime();
}

function pendingReply(state: CaseState, action: WorkflowAction): { id: number; text: string } {
  if (!state.pendingReply) throw new WorkflowError('conflict', `${action}: no reply is waiting for review`);
  return state.pendingReply;
}
