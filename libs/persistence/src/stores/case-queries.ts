import { type DataSource, type SelectQueryBuilder } from 'typeorm';
import { CaseRecordEntity } from '../entities/case-record.entity';
import { CaseTimelineEntity } from '../entities/case-timeline.entity';

/** An Open311 request as read for GeoReport answers (text masked). */
export interface Open311Row {
  id: string;
  status: string;
  serviceCode: string | null;
  content: string;
  departmentCode: string | null;
  receivedAt: Date;
  updatedAt: Date;
  dueAt: Date | null;
  latitude: number | null;
  longitude: number | null;
}

export interface NotificationRow {
  id: number;
  caseId: string;
  kind: string;
  text: string;
  createdAt: Date;
  readAt: Date | null;
  title: string | null;
  status: string;
  dueAt: Date | null;
}

export interface ContactRow {
  name: string | null;
  phone: string | null;
  email: string | null;
  /** Personal data found in the text (ID-card and bank numbers, phones, e-mails). */
  found: unknown;
  address: string | null;
}

export interface CaseReplyRow {
  id: number;
  text: string;
  sharedAnswerId: string | null;
  status: 'pending' | 'rejected' | 'approved';
  submittedBy: string;
  submittedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
}

export interface CaseListFilter {
  status?: string;
  department?: string;
  channel?: string;
  externalRef?: string;
  dueBefore?: Date;
  /** Plain substring match on the (masked) title and text; full-text search is `/api/v1/search`. */
  q?: string;
  /** Only these departments' cases (access control); undefined means no restriction. */
  departmentScope?: string[];
  offset: number;
  limit: number;
}

export interface CaseWithTimeline {
  case: CaseRecordEntity;
  timeline: CaseTimelineEntity[];
}

/** Read side of cases for the HTTP API. */
export class CaseQueries {
  constructor(private readonly db: DataSource) {}

  async list(f: CaseListFilter): Promise<{ items: CaseRecordEntity[]; total: number }> {
    const qb = this.db.getRepository(CaseRecordEntity).createQueryBuilder('c');
    this.applyFilter(qb, f);
    const [items, total] = await qb
      .orderBy('c.createdAt', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .skip(f.offset)
      .take(f.limit)
      .getManyAndCount();
    return { items, total };
  }

  async get(id: string): Promise<CaseWithTimeline | null> {
    const found = await this.db.getRepository(CaseRecordEntity).findOneBy({ id });
    if (!found) return null;
    const timeline = await this.db
      .getRepository(CaseTimelineEntity)
      .find({ where: { caseId: id }, order: { id: 'ASC' } });
    return { case: found, timeline };
  }

  /**
   * Requests filed through Open311, newest first, by ids or by service code and received time. Read
   * from the message (written before the answer to the POST) joined to its case, so a request is
   * visible at once, in status `received` until its case opens.
   */
  async listOpen311(f: {
    ids?: string[];
    serviceCodes?: string[];
    from?: Date;
    to?: Date;
    limit: number;
  }): Promise<Open311Row[]> {
    const where = [`m.channel = 'open311'`];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.ids) add('m.case_id = ANY(?::uuid[])', f.ids);
    if (f.serviceCodes) add('m.service_code = ANY(?::text[])', f.serviceCodes);
    if (f.from) add('m.received_at >= ?', f.from);
    if (f.to) add('m.received_at <= ?', f.to);
    params.push(f.limit);
    return this.db.query<Open311Row[]>(
      `SELECT m.case_id AS id, COALESCE(c.status, 'received') AS status, m.service_code AS "serviceCode",
              m.content, c.department_code AS "departmentCode", m.received_at AS "receivedAt",
              COALESCE(c.updated_at, m.created_at) AS "updatedAt", COALESCE(c.due_at, m.source_due_at) AS "dueAt",
              m.latitude, m.longitude
       FROM message m LEFT JOIN case_record c ON c.id = m.case_id
       WHERE ${where.join(' AND ')} ORDER BY m.received_at DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** Reply drafts and their review, newest first. */
  async replies(caseId: string): Promise<CaseReplyRow[]> {
    return this.db.query<CaseReplyRow[]>(
      `SELECT id::int, text, shared_answer_id AS "sharedAnswerId", status, submitted_by AS "submittedBy",
              submitted_at AS "submittedAt", reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt",
              review_comment AS "reviewComment"
       FROM case_reply WHERE case_id = $1 ORDER BY id DESC`,
      [caseId],
    );
  }

  /** The answer published for the citizen: the latest approved reply (审核通过), if any. */
  async publishedAnswer(caseId: string): Promise<{ text: string; approvedAt: Date } | null> {
    const [row] = await this.db.query<{ text: string; approvedAt: Date }[]>(
      `SELECT text, reviewed_at AS "approvedAt" FROM case_reply WHERE case_id = $1 AND status = 'approved'
       ORDER BY id DESC LIMIT 1`,
      [caseId],
    );
    return row ?? null;
  }

  /** 回访 results from the call centre, newest first. */
  async feedback(caseId: string): Promise<Record<string, unknown>[]> {
    return this.db.query(
      `SELECT visited_at AS "visitedAt", reached, resolved, satisfaction, comment FROM case_feedback
       WHERE case_id = $1 ORDER BY visited_at DESC`,
      [caseId],
    );
  }

  /** The protected personal data of a case's message (for the audited contact route only). */
  async contact(caseId: string): Promise<ContactRow | null> {
    const [row] = await this.db.query<ContactRow[]>(
      `SELECT p.name, p.phone, p.email, p.found, m.address FROM case_record c
       JOIN message m ON m.id = c.message_id LEFT JOIN personal_data p ON p.message_id = m.id WHERE c.id = $1`,
      [caseId],
    );
    return row ?? null;
  }

  /**
   * Notifications for a role (and, for staff and leads, their unit): SLA warnings and breaches,
   * 督办, 催办 and 重办, newest first; unread only on request.
   */
  async notifications(
    recipient: { role: string; departmentCode: string | null },
    opts: { unreadOnly: boolean; limit: number },
  ): Promise<NotificationRow[]> {
    return this.db.query<NotificationRow[]>(
      `SELECT n.id::int AS id, n.case_id AS "caseId", n.kind, n.text, n.created_at AS "createdAt", n.read_at AS "readAt",
              c.title, c.status, c.due_at AS "dueAt"
       FROM notification n JOIN case_record c ON c.id = n.case_id
       WHERE n.role = $1 AND n.department_code IS NOT DISTINCT FROM $2 AND (NOT $3 OR n.read_at IS NULL)
       ORDER BY n.id DESC LIMIT $4`,
      [recipient.role, recipient.departmentCode, opts.unreadOnly, opts.limit],
    );
  }

  /** Marks a recipient's notification read; false when it is not theirs. */
  async markNotificationRead(
    id: number,
    recipient: { role: string; departmentCode: string | null },
  ): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `WITH u AS (UPDATE notification SET read_at = COALESCE(read_at, now())
                  WHERE id = $1 AND role = $2 AND department_code IS NOT DISTINCT FROM $3 RETURNING 1)
       SELECT 1 FROM u`,
      [id, recipient.role, recipient.departmentCode],
    );
    return rows.length === 1;
  }

  /** The case a board post opened, by the tracking code its author was given. */
  async byTrackingCode(trackingCode: string): Promise<CaseRecordEntity | null> {
    return this.db.getRepository(CaseRecordEntity).findOneBy({ trackingCode });
  }

  /** Whether a message with this tracking code was received (its case may not be open yet). */
  async messageExists(trackingCode: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM message WHERE tracking_code = $1`, [
      trackingCode,
    ]);
    return rows.length > 0;
  }

  private applyFilter(qb: SelectQueryBuilder<CaseRecordEntity>, f: CaseListFilter): void {
    if (f.status) qb.andWhere('c.status = :status', { status: f.status });
    if (f.department) qb.andWhere('c.departmentCode = :department', { department: f.department });
    if (f.channel) qb.andWhere('c.channel = :channel', { channel: f.channel });
    if (f.externalRef) qb.andWhere('c.externalRef = :externalRef', { externalRef: f.externalRef });
    if (f.dueBefore) qb.andWhere('c.dueAt < :dueBefore', { dueBefore: f.dueBefore });
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      qb.andWhere('(c.title ILIKE :like OR c.content ILIKE :like)', { like });
    }
    if (f.departmentScope) qb.andWhere('c.departmentCode = ANY(:scope)', { scope: f.departmentScope });
  }
}
