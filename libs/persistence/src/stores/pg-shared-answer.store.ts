import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { PgAuditLog } from './pg-audit.log';
import { type ClusterActor, ClusterError } from './pg-cluster.store';

/** 待审核 · 已发布 · 已退回 · 已被新版本替代. */
export const SHARED_ANSWER_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type SharedAnswerStatus = (typeof SHARED_ANSWER_STATUSES)[number];

export interface SharedAnswerRow {
  id: string;
  clusterId: string;
  departmentCode: string;
  text: string;
  policyId: string | null;
  serviceItem: { name: string; url: string } | null;
  status: SharedAnswerStatus;
  draftedBy: string;
  draftedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
}

/** A shared answer in the review list, with what the reviewer needs to judge it. */
export interface SharedAnswerListRow extends SharedAnswerRow {
  clusterTitle: string;
  clusterMemberCount: number;
  policyDocNo: string | null;
  policyTitle: string | null;
  /** The unit's member cases still to answer (assigned or accepted): what reply-all would answer. */
  openCases: number;
}

const columns = (
  t: string,
) => `${t}.id, ${t}.cluster_id AS "clusterId", ${t}.department_code AS "departmentCode",
  ${t}.text, ${t}.policy_id AS "policyId", ${t}.service_item AS "serviceItem", ${t}.status, ${t}.drafted_by AS "draftedBy",
  ${t}.drafted_at AS "draftedAt", ${t}.reviewed_by AS "reviewedBy", ${t}.reviewed_at AS "reviewedAt",
  ${t}.review_comment AS "reviewComment"`;

/**
 * Shared answers (统一回应): a unit drafts one answer for a recurring question, its lead approves it
 * (nothing public before), and it is offered on every member case of that unit — now or later.
 */
export class PgSharedAnswerStore {
  constructor(private readonly db: DataSource) {}

  async get(id: string): Promise<SharedAnswerRow | null> {
    const [row] = await this.db.query<SharedAnswerRow[]>(
      `SELECT ${columns('a')} FROM shared_answer a WHERE a.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async forCluster(clusterId: string): Promise<SharedAnswerRow[]> {
    return this.db.query<SharedAnswerRow[]>(
      `SELECT ${columns('a')} FROM shared_answer a WHERE a.cluster_id = $1 ORDER BY a.drafted_at DESC`,
      [clusterId],
    );
  }

  /**
   * Answers by status across questions (the lead's review list): each with its question's title and
   * size, the policy it cites and how many of the unit's cases it would answer now. `scope` limits
   * it to those units (a lead's own); pending ones oldest first (reviewed in turn), others newest first.
   */
  async list(filter: {
    status?: SharedAnswerStatus;
    scope?: string[];
    offset: number;
    limit: number;
  }): Promise<{ items: SharedAnswerListRow[]; total: number }> {
    const where = `($1::text IS NULL OR a.status = $1) AND ($2::text[] IS NULL OR a.department_code = ANY($2))`;
    const params = [filter.status ?? null, filter.scope ?? null];
    const [items, [count]] = await Promise.all([
      this.db.query<SharedAnswerListRow[]>(
        `SELECT ${columns('a')}, q.title AS "clusterTitle", q.member_count AS "clusterMemberCount",
                p.doc_no AS "policyDocNo", p.title AS "policyTitle",
                (SELECT count(*)::int FROM cluster_member m JOIN case_record c ON c.id = m.case_id
                 WHERE m.cluster_id = a.cluster_id AND c.department_code = a.department_code
                   AND c.status IN ('assigned', 'accepted')) AS "openCases"
         FROM shared_answer a JOIN question_cluster q ON q.id = a.cluster_id LEFT JOIN policy p ON p.id = a.policy_id
         WHERE ${where}
         ORDER BY CASE WHEN $1 = 'pending' THEN a.drafted_at END ASC, a.drafted_at DESC, a.id
         OFFSET $3 LIMIT $4`,
        [...params, filter.offset, filter.limit],
      ),
      this.db.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM shared_answer a WHERE ${where}`,
        params,
      ),
    ]);
    return { items, total: count?.total ?? 0 };
  }

  /** Approved answers of the case's cluster drafted by the case's unit (offered as one-click replies). */
  async approvedForCase(caseId: string): Promise<SharedAnswerRow[]> {
    return this.db.query<SharedAnswerRow[]>(
      `SELECT ${columns('a')} FROM shared_answer a
       JOIN cluster_member m ON m.cluster_id = a.cluster_id JOIN case_record c ON c.id = m.case_id
       WHERE m.case_id = $1 AND a.status = 'approved' AND a.department_code = c.department_code
       ORDER BY a.reviewed_at DESC`,
      [caseId],
    );
  }

  async draft(
    a: {
      clusterId: string;
      departmentCode: string;
      text: string;
      policyId: string | null;
      serviceItem: { name: string; url: string } | null;
    },
    who: ClusterActor,
  ): Promise<string> {
    const id = randomUUID();
    await this.db.transaction(async (m) => {
      const [cluster] = await m.query<{ merged_into: string | null }[]>(
        `SELECT merged_into FROM question_cluster WHERE id = $1`,
        [a.clusterId],
      );
      if (!cluster) throw new ClusterError('not-found', `no cluster ${a.clusterId}`);
      if (cluster.merged_into)
        throw new ClusterError('conflict', `cluster ${a.clusterId} was merged into ${cluster.merged_into}`);
      await m.query(
        `INSERT INTO shared_answer (id, cluster_id, department_code, text, policy_id, service_item, drafted_by)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
        [
          id,
          a.clusterId,
          a.departmentCode,
          a.text,
          a.policyId,
          a.serviceItem && JSON.stringify(a.serviceItem),
          who.username,
        ],
      );
      await PgAuditLog.append(m, {
        occurredAt: new Date().toISOString(),
        actor: who.username,
        role: who.role,
        action: 'shared-answer.drafted',
        caseId: null,
        detail: { id, clusterId: a.clusterId, departmentCode: a.departmentCode },
      });
    });
    return id;
  }

  /** 审核: approve (published) or reject a pending answer; another approved answer of the unit is withdrawn. */
  async review(
    id: string,
    approve: boolean,
    comment: string | null,
    who: ClusterActor,
  ): Promise<SharedAnswerRow> {
    return this.db.transaction(async (m) => {
      const [row] = await m.query<SharedAnswerRow[]>(
        `SELECT ${columns('a')} FROM shared_answer a WHERE a.id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw new ClusterError('not-found', `no shared answer ${id}`);
      if (row.status !== 'pending')
        throw new ClusterError('conflict', `shared answer ${id} is ${row.status}, not waiting for review`);
      if (approve) {
        await m.query(
          `UPDATE shared_answer SET status = 'withdrawn' WHERE cluster_id = $1 AND department_code = $2 AND status = 'approved'`,
          [row.clusterId, row.departmentCode],
        );
      }
      const [updated] = await m.query<SharedAnswerRow[]>(
        `WITH u AS (UPDATE shared_answer SET status = $2, reviewed_by = $3, reviewed_at = now(), review_comment = $4 WHERE id = $1 RETURNING *)
         SELECT ${columns('u')} FROM u`,
        [id, approve ? 'approved' : 'rejected', who.username, comment],
      );
      await PgAuditLog.append(m, {
        occurredAt: new Date().toISOString(),
        actor: who.username,
        role: who.role,
        action: approve ? 'shared-answer.approved' : 'shared-answer.rejected',
        caseId: null,
        detail: { id, clusterId: row.clusterId, comment },
      });
      return updated;
    });
  }

  /** The board's public FAQ: approved answers with their question, policy and how often it was asked. */
  async faq(limit: number): Promise<
    {
      id: string;
      question: string;
      answer: string;
      policyDocNo: string | null;
      policyTitle: string | null;
      serviceItem: unknown;
      publishedAt: Date;
      asked: number;
    }[]
  > {
    return this.db.query(
      `SELECT a.id, q.title AS question, a.text AS answer, p.doc_no AS "policyDocNo", p.title AS "policyTitle",
              a.service_item AS "serviceItem", a.reviewed_at AS "publishedAt", q.member_count AS asked
       FROM shared_answer a JOIN question_cluster q ON q.id = a.cluster_id LEFT JOIN policy p ON p.id = a.policy_id
       WHERE a.status = 'approved' ORDER BY q.member_count DESC, a.reviewed_at DESC LIMIT $1`,
      [limit],
    );
  }

  /** Member cases of the answer's cluster that its unit still has to answer (bulk reply). */
  async openMembers(id: string): Promise<{ caseId: string; status: string }[]> {
    return this.db.query(
      `SELECT c.id AS "caseId", c.status FROM shared_answer a JOIN cluster_member m ON m.cluster_id = a.cluster_id
       JOIN case_record c ON c.id = m.case_id
       WHERE a.id = $1 AND c.department_code = a.department_code AND c.status IN ('assigned', 'accepted')
       ORDER BY c.received_at`,
      [id],
    );
  }
}
