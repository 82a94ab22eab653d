import { type DataSource, type SelectQueryBuilder } from 'typeorm';
import { CaseRecordEntity } from '../entities/case-record.entity';
import { CaseTimelineEntity } from '../entities/case-timeline.entity';

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

  /** Cases filed through Open311, newest first, by ids or by service code and received time. */
  async listOpen311(f: {
    ids?: string[];
    serviceCodes?: string[];
    from?: Date;
    to?: Date;
    limit: number;
  }): Promise<CaseRecordEntity[]> {
    const qb = this.db.getRepository(CaseRecordEntity).createQueryBuilder('c').where(`c.channel = 'open311'`);
    if (f.ids)
      qb.andWhere('c.id IN (:...ids)', {
        ids: f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000'],
      });
    if (f.serviceCodes) qb.andWhere('c.serviceCode IN (:...codes)', { codes: f.serviceCodes });
    if (f.from) qb.andWhere('c.receivedAt >= :from', { from: f.from });
    if (f.to) qb.andWhere('c.receivedAt <= :to', { to: f.to });
    return qb.orderBy('c.receivedAt', 'DESC').take(f.limit).getMany();
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
