import { type DataSource, type EntityManager } from 'typeorm';
import { Topics, type CaseEventV1 } from '@hub/contracts';
import { type DirectoryVocabulary } from '@hub/text';
import {
  auditAdminAction,
  loadDirectoryVocabulary,
  RegistryError,
  type RegistryActor,
} from './pg-directory.store';

interface Decision {
  rule: string | null;
  departmentCode: string | null;
  confidence: number | null;
  reasons: Record<string, unknown>;
}

export interface PgTriageStoreOptions {
  /** How long the directory is cached (default a minute): registry changes reach routing within it. */
  ttlMs?: number;
  /** Called with the directory's user-dictionary words each time it is (re)loaded. */
  onDirectory?: (vocabulary: DirectoryVocabulary) => void;
}

/** A stored classifier model without its body. */
export interface ClassifierModelSummary {
  version: number;
  labels: string[];
  metrics: Record<string, unknown>;
  trainedOn: number;
  active: boolean;
  /** Where a roll-back from this version goes. */
  previousVersion: number | null;
  createdAt: Date;
  activatedAt: Date | null;
}

/** A classifier training job: queued through the API, run by one triage instance. */
export interface ClassifierTraining {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  activate: boolean;
  requestedBy: string;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** The model it stored, once done. */
  version: number | null;
  error: string | null;
}

/** A labelled message from `training_example`: a dispatcher's correction or an import. */
export interface StoredTrainingExample {
  id: string;
  title: string | null;
  content: string;
  label: string;
  source: 'correction' | 'import';
}

const MODEL_COLUMNS = `version, labels, metrics, trained_on AS "trainedOn", active,
  previous_version AS "previousVersion", created_at AS "createdAt", activated_at AS "activatedAt"`;
const TRAINING_COLUMNS = `id, status, activate, requested_by AS "requestedBy", requested_at AS "requestedAt",
  started_at AS "startedAt", finished_at AS "finishedAt", version, error`;

/**
 * PostgreSQL side of triage: the directory (cached, a minute by default), the active classifier
 * model (its version checked on every call, the model body read only when it changes, so an
 * activation or roll-back takes effect on the next case), the routing write, and the model
 * registry: versions, activation and roll-back, training jobs and training examples.
 */
export class PgTriageStore {
  private cache: {
    at: number;
    policies: { docNo: string; title: string; drafterCode: string }[];
    streets: { code: string; name: string }[];
  } | null = null;
  private model: { version: number; model: unknown } | null = null;
  private readonly ttlMs: number;

  constructor(
    private readonly db: DataSource,
    private readonly options: PgTriageStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
  }

  async policies() {
    return (await this.directory()).policies;
  }

  async streets() {
    return (await this.directory()).streets;
  }

  /** Reloads the directory now (e.g. before training, so the user dictionary is current). */
  async refreshDirectory(): Promise<void> {
    this.cache = null;
    await this.directory();
  }

  private async directory() {
    if (!this.cache || Date.now() - this.cache.at > this.ttlMs) {
      const [policies, streets, vocabulary] = await Promise.all([
        this.db.query<{ doc_no: string; title: string; drafter_code: string }[]>(
          `SELECT doc_no, title, drafter_code FROM policy`,
        ),
        this.db.query<{ code: string; name: string }[]>(
          `SELECT code, name FROM department WHERE kind = 'street' AND active`,
        ),
        this.options.onDirectory ? loadDirectoryVocabulary(this.db) : null,
      ]);
      if (vocabulary) this.options.onDirectory?.(vocabulary);
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

  /**
   * Stores a trained model; with `activate`, it replaces the active one (the previous stays, one
   * roll-back away). With `trainingId`, that training job is marked done in the same transaction.
   */
  async saveModel(
    m: { labels: string[]; model: unknown; metrics: object; trainedOn: number },
    activate: boolean,
    trainingId?: string,
  ): Promise<number> {
    return this.db.transaction(async (t) => {
      const [row] = await t.query<{ version: number }[]>(
        `INSERT INTO classifier_model (labels, model, metrics, trained_on) VALUES ($1, $2, $3, $4) RETURNING version`,
        [m.labels, JSON.stringify(m.model), JSON.stringify(m.metrics), m.trainedOn],
      );
      if (activate) await activateVersion(t, row.version, true);
      if (trainingId)
        await t.query(
          `UPDATE classifier_training SET status = 'done', version = $2, finished_at = now() WHERE id = $1`,
          [trainingId, row.version],
        );
      return row.version;
    });
  }

  /** Every stored model, newest first, without the model bodies. */
  models(): Promise<ClassifierModelSummary[]> {
    return this.db.query<ClassifierModelSummary[]>(
      `SELECT ${MODEL_COLUMNS} FROM classifier_model ORDER BY version DESC`,
    );
  }

  async modelSummary(version: number): Promise<ClassifierModelSummary | null> {
    const [row] = await this.db.query<ClassifierModelSummary[]>(
      `SELECT ${MODEL_COLUMNS} FROM classifier_model WHERE version = $1`,
      [version],
    );
    return row ?? null;
  }

  /**
   * Makes `version` the active model (triage picks it up on its next case); the one it replaces is
   * where a later roll-back goes. Activating the active version changes nothing.
   */
  async activate(version: number, actor: RegistryActor): Promise<ClassifierModelSummary> {
    await this.db.transaction(async (t) => {
      const [found] = await t.query<{ active: boolean }[]>(
        `SELECT active FROM classifier_model WHERE version = $1 FOR UPDATE`,
        [version],
      );
      if (!found) throw new RegistryError('not-found', 'version', `no classifier model v${version}`);
      if (found.active) return;
      const previous = await activateVersion(t, version, true);
      await auditAdminAction(t, actor, 'classifier.model-activated', { version, previous });
    });
    return (await this.modelSummary(version))!;
  }

  /**
   * Re-activates the version that was active before the active one was activated (repeatable: v3 →
   * v2 → v1). Null when there is none to go back to.
   */
  async rollback(actor: RegistryActor): Promise<{ version: number; from: number } | null> {
    return this.db.transaction(async (t) => {
      await t.query(`LOCK TABLE classifier_model IN SHARE ROW EXCLUSIVE MODE`);
      const [current] = await t.query<{ version: number; previous: number | null }[]>(
        `SELECT version, previous_version AS previous FROM classifier_model WHERE active`,
      );
      if (!current?.previous) return null;
      await activateVersion(t, current.previous, false);
      await auditAdminAction(t, actor, 'classifier.rolled-back', {
        from: current.version,
        to: current.previous,
      });
      return { version: current.previous, from: current.version };
    });
  }

  /** Queues a training job; `conflict` while another is queued or running (one at a time). */
  async requestTraining(activate: boolean, actor: RegistryActor): Promise<ClassifierTraining> {
    return this.db.transaction(async (t) => {
      const [row] = await t.query<ClassifierTraining[]>(
        `INSERT INTO classifier_training (activate, requested_by) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING ${TRAINING_COLUMNS}`,
        [activate, actor.username],
      );
      if (!row) {
        const [pending] = await t.query<{ id: string; status: string }[]>(
          `SELECT id, status FROM classifier_training WHERE status IN ('queued', 'running')`,
        );
        throw new RegistryError(
          'conflict',
          null,
          `training ${pending?.id ?? ''} is ${pending?.status ?? 'pending'}; wait for it to finish`,
        );
      }
      await auditAdminAction(t, actor, 'classifier.training-requested', { id: row.id, activate });
      return row;
    });
  }

  async training(id: string): Promise<ClassifierTraining | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await this.db.query<ClassifierTraining[]>(
      `SELECT ${TRAINING_COLUMNS} FROM classifier_training WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Takes the oldest queued job (one instance gets it: SKIP LOCKED) and marks it running. */
  async claimTraining(): Promise<ClassifierTraining | null> {
    const [row] = await this.db.query<ClassifierTraining[]>(
      `WITH u AS (
         UPDATE classifier_training SET status = 'running', started_at = now()
         WHERE id = (SELECT id FROM classifier_training WHERE status = 'queued'
                     ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING *
       ) SELECT ${TRAINING_COLUMNS} FROM u`,
    );
    return row ?? null;
  }

  async failTraining(id: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE classifier_training SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`,
      [id, error],
    );
  }

  /** Marks jobs running for longer than `olderThanMs` failed (their instance stopped); answers how many. */
  async failAbandonedTraining(olderThanMs: number): Promise<number> {
    const rows = await this.db.query<{ id: string }[]>(
      `WITH u AS (
         UPDATE classifier_training SET status = 'failed', finished_at = now(),
           error = 'abandoned: the triage instance running it stopped'
         WHERE status = 'running' AND started_at < now() - $1 * interval '1 millisecond'
         RETURNING id
       ) SELECT id FROM u`,
      [olderThanMs],
    );
    return rows.length;
  }

  /** The codes of the active units: the labels a model may route to. */
  async activeUnitCodes(): Promise<Set<string>> {
    const rows = await this.db.query<{ code: string }[]>(`SELECT code FROM department WHERE active`);
    return new Set(rows.map((r) => r.code));
  }

  /** Every training example (dispatcher corrections and imports). */
  trainingExamples(): Promise<StoredTrainingExample[]> {
    return this.db.query<StoredTrainingExample[]>(
      `SELECT t.id::text AS id, t.title, t.content, t.label, t.source FROM training_example t ORDER BY t.id`,
    );
  }

  /**
   * Stores imported examples (source `import`); one with an `externalId` seen before replaces it.
   * Answers how many were new and how many replaced one.
   */
  async importExamples(
    examples: readonly { externalId: string | null; title: string | null; content: string; label: string }[],
    actor: RegistryActor,
  ): Promise<{ accepted: number; updated: number }> {
    return this.db.transaction(async (t) => {
      let accepted = 0;
      let updated = 0;
      for (const e of examples) {
        const [r] = await t.query<{ inserted: boolean }[]>(
          `INSERT INTO training_example (external_id, title, content, label, source, created_by)
           VALUES ($1, $2, $3, $4, 'import', $5)
           ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO UPDATE
             SET title = EXCLUDED.title, content = EXCLUDED.content, label = EXCLUDED.label,
                 created_by = EXCLUDED.created_by, created_at = now()
           RETURNING (xmax = 0) AS inserted`,
          [e.externalId, e.title, e.content, e.label, actor.username],
        );
        if (r.inserted) accepted++;
        else updated++;
      }
      await auditAdminAction(t, actor, 'classifier.examples-imported', { accepted, updated });
      return { accepted, updated };
    });
  }

  /**
   * Routes a case that is still waiting for it (status `received`), whatever else happened to it
   * meanwhile (an SLA step may have come first): the event carries the version the write produced.
   */
  async route(caseId: string, decision: Decision, event: CaseEventV1): Promise<boolean> {
    const routing = { rule: decision.rule, confidence: decision.confidence, reasons: decision.reasons };
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `WITH c AS (
         UPDATE case_record SET department_code = $2, status = $3, routing = $4::jsonb, version = version + 1, updated_at = now()
         WHERE id = $1 AND status = 'received'
         RETURNING id, version
       ), t AS (
         INSERT INTO case_timeline (case_id, type, occurred_at, actor, data) SELECT id, $5, $6, 'triage', $4::jsonb FROM c
       ), ob AS (
         INSERT INTO outbox (topic, key, payload)
         SELECT $7, $1, jsonb_set($8::jsonb, '{version}', to_jsonb(c.version))::text FROM c
       )
       SELECT count(*)::int AS n FROM c`,
      [
        caseId,
        event.departmentCode,
        event.status,
        JSON.stringify(routing),
        event.type,
        event.occurredAt,
        Topics.caseEvents,
        JSON.stringify(event),
      ],
    );
    return n === 1;
  }
}

/**
 * Makes `version` the only active model. With `remember`, the version it replaces becomes its
 * roll-back target (a roll-back itself keeps the target's own history). Answers the replaced version.
 */
async function activateVersion(t: EntityManager, version: number, remember: boolean): Promise<number | null> {
  // (TypeORM answers a bare UPDATE … RETURNING as [rows, count]; in a WITH it is a SELECT.)
  const [old] = await t.query<{ version: number }[]>(
    `WITH u AS (UPDATE classifier_model SET active = false WHERE active RETURNING version) SELECT version FROM u`,
  );
  const previous = old?.version ?? null;
  await t.query(
    `UPDATE classifier_model SET active = true, activated_at = now(),
       previous_version = CASE WHEN $2::boolean THEN $3 ELSE previous_version END
     WHERE version = $1`,
    [version, remember, previous],
  );
  return previous;
}
