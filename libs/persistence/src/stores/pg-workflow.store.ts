import { type DataSource, type EntityManager } from 'typeorm';
import { Topics } from '@hub/contracts';
import {
  type Actor,
  type LockedCase,
  type StepResult,
  type Transition,
  WorkflowError,
  type WorkflowStore,
} from '@hub/cases';
import { PgAuditLog } from './pg-audit.log';

interface LockedRow {
  id: string;
  version: number;
  status: LockedCase['status'];
  departmentCode: string | null;
  channel: LockedCase['channel'];
  externalRef: string;
  dueAt: Date | null;
  acceptedAt: Date | null;
  returnCount: number;
  arbitrated: boolean;
  extensionRequest: LockedCase['extensionRequest'];
  extendedDays: number;
  reopenCount: number;
  warnAt: Date | null;
  answerDeadline: unknown;
  slaWarnedFor: Date | null;
  slaBreachedFor: Date | null;
  title: string | null;
  content: string;
}

/**
 * PostgreSQL side of the workflow. A step runs in one transaction: the case row is locked
 * (SELECT … FOR UPDATE), so concurrent steps on one case queue up and each decides on the state the
 * one before left; the case row, timeline entry, reply, training example, outbox row and audit
 * entry commit together or not at all.
 */
export class PgWorkflowStore implements WorkflowStore {
  constructor(private readonly db: DataSource) {}

  async unitExists(code: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM department WHERE code = $1 AND active`, [
      code,
    ]);
    return rows.length > 0;
  }

  async caseIdByExternalRef(channel: string, externalRef: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }[]>(
      `SELECT id FROM case_record WHERE channel = $1 AND external_ref = $2`,
      [channel, externalRef],
    );
    return row?.id ?? null;
  }

  /** Open cases whose SLA warning or breach is due and not yet sent, oldest first. */
  async slaDue(now: Date, limit: number): Promise<{ id: string; kind: 'sla-warning' | 'sla-breach' }[]> {
    return this.db.query(
      `SELECT id, CASE WHEN due_at <= $1 THEN 'sla-breach' ELSE 'sla-warning' END AS kind
       FROM case_record
       WHERE replied_at IS NULL AND status IN ('received', 'pending-dispatch', 'assigned', 'accepted', 'reply-review')
         AND due_at IS NOT NULL
         AND ((due_at <= $1 AND sla_breached_for IS DISTINCT FROM due_at)
           OR (warn_at <= $1 AND due_at > $1 AND sla_warned_for IS DISTINCT FROM due_at))
       ORDER BY warn_at LIMIT $2`,
      [now, limit],
    );
  }

  async caseStatus(caseId: string): Promise<string | null> {
    const [row] = await this.db.query<{ status: string }[]>(`SELECT status FROM case_record WHERE id = $1`, [
      caseId,
    ]);
    return row?.status ?? null;
  }

  step(
    caseId: string,
    actor: Actor,
    decide: (c: LockedCase) => StepResult,
    claim?: { consumer: string; key: string },
  ): Promise<StepResult | null> {
    return this.db.transaction(async (m) => {
      if (claim) {
        const claimed = await m.query<unknown[]>(
          `INSERT INTO processed_event (consumer, event_key) VALUES ($1, $2)
           ON CONFLICT ON CONSTRAINT pk_processed_event DO NOTHING RETURNING 1`,
          [claim.consumer, claim.key],
        );
        if (claimed.length === 0) return null;
      }
      const [row] = await m.query<LockedRow[]>(
        `SELECT id, version, status, department_code AS "departmentCode", channel, external_ref AS "externalRef",
                due_at AS "dueAt", accepted_at AS "acceptedAt", return_count AS "returnCount", arbitrated,
                extension_request AS "extensionRequest", extended_days AS "extendedDays", reopen_count AS "reopenCount",
                title, content, warn_at AS "warnAt", deadlines->'answer' AS "answerDeadline", sla_warned_for AS "slaWarnedFor",
                sla_breached_for AS "slaBreachedFor"
         FROM case_record WHERE id = $1 FOR UPDATE`,
        [caseId],
      );
      if (!row) throw new WorkflowError('not-found', `no case ${caseId}`);
      const [pending] = await m.query<{ id: string; text: string }[]>(
        `SELECT id, text FROM case_reply WHERE case_id = $1 AND status = 'pending' ORDER BY id DESC LIMIT 1`,
        [caseId],
      );
      const state: LockedCase = {
        ...row,
        pendingReply: pending ? { id: Number(pending.id), text: pending.text } : null,
      };
      const result = decide(state);
      await this.write(m, row, actor, result);
      return result;
    });
  }

  private async write(
    m: EntityManager,
    row: LockedRow,
    actor: Actor,
    { transition: t, event }: StepResult,
  ): Promise<void> {
    const p = t.patch;
    const sets: string[] = ['status = $2', 'department_code = $3', 'version = $4', 'updated_at = $5'];
    const params: unknown[] = [row.id, t.status, t.departmentCode, event.version, event.occurredAt];
    const set = (column: string, value: unknown, cast = '') => {
      params.push(value);
      sets.push(`${column} = $${params.length}${cast}`);
    };
    if (p.acceptedAt !== undefined) set('accepted_at', p.acceptedAt);
    if (p.repliedAt !== undefined) set('replied_at', p.repliedAt);
    if (p.closedAt !== undefined) set('closed_at', p.closedAt);
    if (p.returnCount !== undefined) set('return_count', p.returnCount);
    if (p.arbitrated !== undefined) set('arbitrated', p.arbitrated);
    if (p.mergedInto !== undefined) set('merged_into', p.mergedInto);
    if (p.supervisedAt !== undefined) set('supervised_at', p.supervisedAt);
    if (p.extensionRequest !== undefined)
      set('extension_request', p.extensionRequest && JSON.stringify(p.extensionRequest), '::jsonb');
    if (p.extendedDays !== undefined) set('extended_days', p.extendedDays);
    if (p.reopenCount !== undefined) set('reopen_count', p.reopenCount);
    if (p.slaWarnedFor !== undefined) set('sla_warned_for', p.slaWarnedFor);
    if (p.slaBreachedFor !== undefined) set('sla_breached_for', p.slaBreachedFor);
    if (p.deadline) {
      set('due_at', p.deadline.dueAt);
      set('warn_at', p.deadline.warnAt);
      // The new answer deadline replaces the current one, which joins the history (shown to staff).
      params.push(JSON.stringify(p.deadline.explanation));
      sets.push(
        `deadlines = COALESCE(deadlines, '{}'::jsonb) || jsonb_build_object('answer', $${params.length}::jsonb,
           'history', COALESCE(deadlines->'history', '[]'::jsonb)
                      || CASE WHEN deadlines ? 'answer' THEN jsonb_build_array(deadlines->'answer') ELSE '[]'::jsonb END)`,
      );
    }
    await m.query(`UPDATE case_record SET ${sets.join(', ')} WHERE id = $1`, params);
    await m.query(
      `INSERT INTO case_timeline (case_id, type, occurred_at, actor, data) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [row.id, event.type, event.occurredAt, actor.username, JSON.stringify(t.data)],
    );
    await this.writeReply(m, row.id, actor, t, event.occurredAt);
    if (t.correction) {
      await m.query(
        `INSERT INTO training_example (case_id, title, content, label, source, created_by) VALUES ($1, $2, $3, $4, 'correction', $5)
         ON CONFLICT ON CONSTRAINT uq_training_example_case DO UPDATE
           SET label = EXCLUDED.label, created_by = EXCLUDED.created_by, created_at = now()`,
        [row.id, row.title, row.content, t.correction.label, actor.username],
      );
    }
    if (t.feedback) {
      await m.query(
        `INSERT INTO case_feedback (case_id, ticket_id, visited_at, reached, resolved, satisfaction, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          row.id,
          row.externalRef,
          t.feedback.visitedAt,
          t.feedback.reached,
          t.feedback.resolved,
          t.feedback.satisfaction,
          t.feedback.comment,
        ],
      );
    }
    if (t.notice) {
      await m.query(
        `INSERT INTO notification (case_id, kind, role, department_code, text)
         SELECT $1, $2, r.role, r.department_code, $3 FROM jsonb_to_recordset($4::jsonb) AS r(role text, department_code text)`,
        [
          row.id,
          t.notice.kind,
          t.notice.text,
          JSON.stringify(
            t.notice.recipients.map((r) => ({ role: r.role, department_code: r.departmentCode })),
          ),
        ],
      );
    }
    await m.query(`INSERT INTO outbox (topic, key, payload) VALUES ($1, $2, $3)`, [
      Topics.caseEvents,
      row.id,
      JSON.stringify(event),
    ]);
    await PgAuditLog.append(m, {
      occurredAt: event.occurredAt,
      actor: actor.username,
      role: actor.role,
      action: event.type,
      caseId: row.id,
      detail: {
        version: event.version,
        status: event.status,
        departmentCode: event.departmentCode,
        data: t.data,
      },
    });
  }

  private async writeReply(
    m: EntityManager,
    caseId: string,
    actor: Actor,
    t: Transition,
    at: string,
  ): Promise<void> {
    const r = t.reply;
    if (!r) return;
    if (r.op === 'submit-approved') {
      await m.query(
        `INSERT INTO case_reply (case_id, text, shared_answer_id, status, submitted_by, submitted_at, reviewed_by, reviewed_at, review_comment)
         VALUES ($1, $2, $3, 'approved', $4, $5, $6, $5, '统一回应，已审核')`,
        [caseId, r.text, r.sharedAnswerId, actor.username, at, r.approvedBy],
      );
    } else if (r.op === 'submit') {
      await m.query(
        `INSERT INTO case_reply (case_id, text, shared_answer_id, submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5)`,
        [caseId, r.text, r.sharedAnswerId, actor.username, at],
      );
    } else {
      await m.query(
        `UPDATE case_reply SET status = $2, reviewed_by = $3, reviewed_at = $4, review_comment = $5 WHERE id = $1`,
        [r.replyId, r.op === 'approve' ? 'approved' : 'rejected', actor.username, at, r.comment],
      );
    }
  }
}
