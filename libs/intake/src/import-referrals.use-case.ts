import { InvalidMessageError, parsePortalReferral } from '@hub/contracts';
import { type IdGenerator } from '@hub/config';
import { type ReferralFileRow } from './referral-file';
import { type ReceiveMessageUseCase } from './receive-message.use-case';
import { referralToIncoming } from './portal-referral.mapper';

export type ImportRowStatus = 'accepted' | 'duplicate' | 'rejected';

/** The report line of one row. */
export interface ImportRowReport {
  row: number;
  status: ImportRowStatus;
  referralId: string | null;
  caseId?: string;
  errors?: { field: string; problem: string }[];
}

export interface ImportCounts {
  total: number;
  processed: number;
  accepted: number;
  duplicate: number;
  rejected: number;
}

export interface ImportJob extends ImportCounts {
  id: string;
  fileName: string;
  status: 'running' | 'done' | 'failed';
  rows: ImportRowReport[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Port: where import jobs and their progress are kept, so any API instance can answer for them. */
export interface ImportJobStore {
  create(job: { id: string; channel: string; fileName: string; total: number }): Promise<void>;
  progress(id: string, counts: ImportCounts): Promise<void>;
  finish(id: string, counts: ImportCounts, rows: ImportRowReport[]): Promise<void>;
  fail(id: string, error: string): Promise<void>;
  get(id: string): Promise<ImportJob | null>;
  /** Marks jobs a stopped process left `running` as failed; answers how many. */
  failAbandoned(): Promise<number>;
}

export const IMPORT_JOB_STORE = Symbol('ImportJobStore');

const PROGRESS_EVERY = 100;

/**
 * Imports the portal's export file: every row is received like a single referral, and reported as
 * accepted, duplicate (its referralId was received before, in this file or earlier — with the
 * existing case) or rejected (with each field and problem). Nothing is dropped silently.
 */
export class ImportReferralsUseCase {
  constructor(
    private readonly jobs: ImportJobStore,
    private readonly receive: ReceiveMessageUseCase,
    private readonly ids: IdGenerator,
  ) {}

  async start(fileName: string, rows: ReferralFileRow[]): Promise<string> {
    const id = this.ids.uuid();
    await this.jobs.create({ id, channel: 'portal', fileName, total: rows.length });
    return id;
  }

  /** Processes the rows of a started job; records the failure if something outside the rows breaks. */
  async run(jobId: string, rows: ReferralFileRow[]): Promise<void> {
    const counts: ImportCounts = { total: rows.length, processed: 0, accepted: 0, duplicate: 0, rejected: 0 };
    const report: ImportRowReport[] = [];
    try {
      for (const row of rows) {
        const line = await this.importRow(row);
        report.push(line);
        counts[line.status]++;
        counts.processed++;
        if (counts.processed % PROGRESS_EVERY === 0) await this.jobs.progress(jobId, counts);
      }
      await this.jobs.finish(jobId, counts, report);
    } catch (e) {
      await this.jobs.fail(jobId, e instanceof Error ? e.message : String(e));
      throw e;
    }
  }

  private async importRow(row: ReferralFileRow): Promise<ImportRowReport> {
    const referralId = typeof row.fields?.referralId === 'string' ? row.fields.referralId : null;
    if (row.fields === null)
      return {
        row: row.row,
        status: 'rejected',
        referralId,
        errors: [{ field: '(row)', problem: row.error ?? 'unreadable' }],
      };
    try {
      const referral = parsePortalReferral(row.fields);
      const result = await this.receive.execute(referralToIncoming(referral));
      return {
        row: row.row,
        status: result.duplicate ? 'duplicate' : 'accepted',
        referralId,
        caseId: result.caseId,
      };
    } catch (e) {
      if (!(e instanceof InvalidMessageError)) throw e;
      return { row: row.row, status: 'rejected', referralId, errors: e.problems };
    }
  }
}
