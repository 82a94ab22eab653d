import { type DataSource } from 'typeorm';
import { Topics, type CaseEventV1 } from '@hub/contracts';

interface Decision {
  rule: string | null;
  departmentCode: string | null;
  confidence: number | null;
  reasons: Record<string, unknown>;
}

/**
 * PostgreSQL side of triage: the directory (cached for a minute), the active classifier model (its
 * version checked on every call, the model body read only when it changes) and the routing write.
 */
export class PgTriageStore {
  private cache: {
    at: number;
    policies: { docNo: string; title: string; drafterCode: string }[];
    streets: { code: string; name: string }[];
  } | null = null;
  private model: { version: number; model: unknown } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly ttlMs = 60_000,
  ) {}

  async policies() {
    return (await this.directory()).policies;
  }

  async streets() {
    return (await this.directory()).streets;
  }

  private async directory() {
    if (!this.cache || Date.now() - this.cache.at > this.ttlMs) {
      const [policies, streets] = await Promise.all([
        this.db.query<{ doc_no: string; title: string; drafter_code: string }[]>(
          `SELECT doc_no, title, drafter_code FROM policy`,
        ),
        this.db.query<{ code: string; name: string }[]>(
          `SELECT code, name FROM department WHERE kind = 'street' AND active`,
        ),
      ]);
      this.cache = {
        at: Date.now(),
        policies: policies.map((p) => ({ docNo: p.doc_no, title: p.title, drafterCode: p.drafter_code })),
        streets,
      };
    }
    return this.cache;
  }

  async active(): Promise<{ version: number; model: unknown } | null> {
    const [row] = await this.db.query<{ version: number }[]>(
      `SELECT version FROM classifier_model WHERE active`,
    );
    if (!row) return (this.model = null);
    if (this.model?.version !== row.version) {
      const [m] = await this.db.query<{ model: unknown }[]>(
        `SELECT model FROM classifier_model WHERE version = $1`,
        [row.version],
      );
      this.model = { version: row.version, model: m.model };
    }
    return this.model;
  }

  /** Stores a trained model; with `activate`, it replaces the active one (the previous stays, one call away). */
  async saveModel(
    m: { labels: string[]; model: unknown; metrics: object; trainedOn: number },
    activate: boolean,
  ): Promise<number> {
    return this.db.transaction(async (t) => {
      const [row] = await t.query<{ version: number }[]>(
        `INSERT INTO classifier_model (labels, model, metrics, trained_on) VALUES ($1, $2, $3, $4) RETURNING version`,
        [m.labels, JSON.stringify(m.model), JSON.stringify(m.metrics), m.trainedOn],
      );
      if (activate) {
        await t.query(`UPDATE classifier_model SET active = false WHERE active`);
        await t.query(`UPDATE classifier_model SET active = true, activated_at = now() WHERE version = $1`, [
          row.version,
        ]);
      }
      return row.version;
    });
  }

  async route(
    caseId: string,
    expectedVersion: number,
    decision: Decision,
    event: CaseEventV1,
  ): Promise<boolean> {
    const routing = { rule: decision.rule, confidence: decision.confidence, reasons: decision.reasons };
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `WITH c AS (
         UPDATE case_record SET department_code = $3, status = $4, routing = $5::jsonb, version = $6, updated_at = now()
         WHERE id = $1 AND version = $2
         RETURNING id
       ), t AS (
         INSERT INTO case_timeline (case_id, type, occurred_at, actor, data) SELECT id, $7, $8, 'triage', $5::jsonb FROM c
       ), ob AS (
         INSERT INTO outbox (topic, key, payload) SELECT $9, $1, $10 FROM c
       )
       SELECT count(*)::int AS n FROM c`,
      [
        caseId,
        expectedVersion,
        event.departmentCode,
        event.status,
        JSON.stringify(routing),
        event.version,
        event.type,
        event.occurredAt,
        Topics.caseEvents,
        JSON.stringify(event),
      ],
    );
    return n === 1;
  }
}
