import { randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager } from 'typeorm';
import { PgAuditLog } from './pg-audit.log';

export const CLUSTERER_CONSUMER = 'clusterer';

export interface ClusterText {
  caseId: string;
  title: string | null;
  content: string;
  receivedAt: Date;
}

/** A message's sentence vector and the model that made it. */
export interface StoredEmbedding {
  model: string;
  vector: Float32Array;
}

const toBytes = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
const fromBytes = (b: Buffer): Float32Array => {
  const v = new Float32Array(b.length / 4);
  for (let i = 0; i < v.length; i++) v[i] = b.readFloatLE(i * 4);
  return v;
};

export interface Placement {
  caseId: string;
  /** Null: a new cluster. */
  clusterId: string | null;
  matchedCaseId: string | null;
  similarity: number | null;
  receivedAt: Date;
  /** Title and key terms for a new cluster. */
  title: string;
  keyTerms: string[];
  /** The message's sentence vector, stored with the placement. */
  embedding?: StoredEmbedding | null;
}

export interface ClusterActor {
  username: string;
  role: string;
}

/** Why a cluster operation was refused: 404 (unknown) or 409 (not possible now). */
export class ClusterError extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Recurring questions in PostgreSQL: which cluster each case belongs to (the truth the clusterer
 * reads back for every placement, so a staff member's merge, split, move or "not the same
 * question" counts at once), and the staff operations, each audited.
 */
export class PgClusterStore {
  constructor(private readonly db: DataSource) {}

  /**
   * Every clustered case's masked text, oldest first, with its stored sentence vector when `model`
   * made it (else null): rebuilds the clusterer's index at start.
   */
  async clusteredTexts(model?: string): Promise<(ClusterText & { embedding: Float32Array | null })[]> {
    const rows = await this.db.query<(ClusterText & { vector: Buffer | null })[]>(
      `SELECT c.id AS "caseId", c.title, c.content, c.received_at AS "receivedAt", e.vector
       FROM cluster_member m JOIN case_record c ON c.id = m.case_id
       LEFT JOIN message_embedding e ON e.case_id = c.id AND e.model = $1
       ORDER BY c.received_at, c.id`,
      [model ?? null],
    );
    return rows.map(({ vector, ...t }) => ({ ...t, embedding: vector ? fromBytes(vector) : null }));
  }

  /** Stores a case's sentence vector (replacing another model's). */
  async saveEmbedding(caseId: string, embedding: StoredEmbedding): Promise<void> {
    await saveEmbedding(this.db.manager, caseId, embedding);
  }

  /** Street office and community names with their short forms (静安寺街道, 静安寺): places, not questions. */
  async placeTerms(): Promise<string[]> {
    const rows = await this.db.query<{ name: string; communities: string[] }[]>(
      `SELECT name, communities FROM department WHERE kind = 'street'`,
    );
    return rows.flatMap((r) => [r.name, r.name.replace(/(街道|镇)$/, ''), ...r.communities]);
  }

  async caseExists(caseId: string): Promise<boolean> {
    return (await this.db.query<unknown[]>(`SELECT 1 FROM case_record WHERE id = $1`, [caseId])).length > 0;
  }

  /** The current cluster of each case (staff may have moved it since it was indexed). */
  async clustersOf(caseIds: string[]): Promise<Map<string, string>> {
    const rows = await this.db.query<{ case_id: string; cluster_id: string }[]>(
      `SELECT case_id, cluster_id FROM cluster_member WHERE case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    return new Map(rows.map((r) => [r.case_id, r.cluster_id]));
  }

  /** For each cluster, its first member and its latest ones (up to `n`): the chaining guard's sample. */
  async memberSamples(clusterIds: string[], n = 8): Promise<Map<string, string[]>> {
    const rows = await this.db.query<{ cluster_id: string; case_id: string }[]>(
      `SELECT cluster_id, case_id FROM (
         SELECT m.cluster_id, m.case_id,
                row_number() OVER (PARTITION BY m.cluster_id ORDER BY c.received_at, c.id) AS first,
                row_number() OVER (PARTITION BY m.cluster_id ORDER BY c.received_at DESC, c.id DESC) AS latest
         FROM cluster_member m JOIN case_record c ON c.id = m.case_id WHERE m.cluster_id = ANY($1::uuid[])) x
       WHERE first = 1 OR latest < $2`,
      [clusterIds, n],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.cluster_id, [...(out.get(r.cluster_id) ?? []), r.case_id]);
    return out;
  }

  /** Members of a cluster other than `caseId` that are separated from it (the placement rule asks). */
  async clusterMembersSeparatedFrom(caseId: string, clusterIds: string[]): Promise<Set<string>> {
    const rows = await this.db.query<{ cluster_id: string }[]>(
      `SELECT DISTINCT m.cluster_id FROM cluster_member m JOIN cluster_separation s
         ON (s.case_a = $1 AND s.case_b = m.case_id) OR (s.case_b = $1 AND s.case_a = m.case_id)
       WHERE m.cluster_id = ANY($2::uuid[])`,
      [caseId, clusterIds],
    );
    return new Set(rows.map((r) => r.cluster_id));
  }

  /**
   * Writes a placement once per case (the processed-event key commits with it): a new cluster, or
   * one more member of an existing one. Answers the cluster id, or null if the case was placed before.
   */
  async place(p: Placement): Promise<string | null> {
    return this.db.transaction(async (m) => {
      const claimed = await m.query<unknown[]>(
        `INSERT INTO processed_event (consumer, event_key) VALUES ($1, $2)
         ON CONFLICT ON CONSTRAINT pk_processed_event DO NOTHING RETURNING 1`,
        [CLUSTERER_CONSUMER, `case:${p.caseId}`],
      );
      if (claimed.length === 0) return null;
      let clusterId = p.clusterId;
      if (clusterId) {
        const live = await m.query<{ id: string }[]>(
          `SELECT COALESCE(merged_into, id) AS id FROM question_cluster WHERE id = $1 FOR UPDATE`,
          [clusterId],
        );
        clusterId = live[0]?.id ?? null;
      }
      if (!clusterId) {
        clusterId = randomUUID();
        await m.query(
          `INSERT INTO question_cluster (id, title, key_terms, first_at, last_at) VALUES ($1, $2, $3, $4, $4)`,
          [clusterId, p.title, p.keyTerms, p.receivedAt],
        );
      }
      await m.query(
        `INSERT INTO cluster_member (case_id, cluster_id, similarity, matched_case_id, placed_by) VALUES ($1, $2, $3, $4, 'clusterer')`,
        [p.caseId, clusterId, p.similarity, p.matchedCaseId],
      );
      if (p.embedding) await saveEmbedding(m, p.caseId, p.embedding);
      await recount(m, [clusterId]);
      return clusterId;
    });
  }

  /** Up to `limit` member texts of a cluster, newest first (for its key terms). */
  async memberTexts(clusterId: string, limit = 50): Promise<ClusterText[]> {
    return this.db.query<ClusterText[]>(
      `SELECT c.id AS "caseId", c.title, c.content, c.received_at AS "receivedAt"
       FROM cluster_member m JOIN case_record c ON c.id = m.case_id WHERE m.cluster_id = $1
       ORDER BY c.received_at DESC LIMIT $2`,
      [clusterId, limit],
    );
  }

  /** New key terms; the title follows them unless staff set one. */
  async setKeyTerms(clusterId: string, keyTerms: string[], generatedTitle: string): Promise<void> {
    await this.db.query(
      `UPDATE question_cluster SET key_terms = $2, title = CASE WHEN title_by IS NULL THEN $3 ELSE title END, updated_at = now()
       WHERE id = $1`,
      [clusterId, keyTerms, generatedTitle],
    );
  }

  // ---- reads ----

  /** Live clusters, largest or newest first; with a scope, those with members in it (counted there). */
  async list(f: {
    scope?: string[];
    q?: string;
    sort: 'size' | 'recent';
    minMembers: number;
    offset: number;
    limit: number;
  }) {
    const params: unknown[] = [
      f.scope ?? null,
      f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
      f.minMembers,
    ];
    const rows = await this.db.query<
      {
        id: string;
        title: string;
        keyTerms: string[];
        memberCount: number;
        inScope: number;
        firstAt: Date;
        lastAt: Date;
        channels: Record<string, number>;
        answered: boolean;
        total: number;
      }[]
    >(
      `WITH c AS (
         SELECT q.id, q.title, q.key_terms AS "keyTerms", q.member_count AS "memberCount", q.first_at AS "firstAt",
                q.last_at AS "lastAt",
                count(*) FILTER (WHERE $1::text[] IS NULL OR cr.department_code = ANY($1::text[]))::int AS "inScope",
                EXISTS (SELECT 1 FROM shared_answer a WHERE a.cluster_id = q.id AND a.status = 'approved') AS answered
         FROM question_cluster q JOIN cluster_member m ON m.cluster_id = q.id JOIN case_record cr ON cr.id = m.case_id
         WHERE q.merged_into IS NULL AND ($2::text IS NULL OR q.title ILIKE $2 OR array_to_string(q.key_terms, ' ') ILIKE $2)
         GROUP BY q.id
       )
       SELECT c.id, c.title, c."keyTerms", c."memberCount", c."inScope", c."firstAt", c."lastAt", c.answered,
              (SELECT jsonb_object_agg(ch, n) FROM (SELECT cr.channel AS ch, count(*)::int AS n FROM cluster_member m
                 JOIN case_record cr ON cr.id = m.case_id WHERE m.cluster_id = c.id GROUP BY cr.channel) x) AS channels,
              count(*) OVER ()::int AS total
       FROM c WHERE c."inScope" > 0 AND c."memberCount" >= $3
       ORDER BY ${f.sort === 'size' ? 'c."memberCount" DESC, c."lastAt" DESC' : 'c."lastAt" DESC'}, c.id
       OFFSET $4 LIMIT $5`,
      [...params, f.offset, f.limit],
    );
    return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
  }

  /** One cluster with its members (only those in the scope), or null. */
  async get(clusterId: string, scope?: string[]) {
    const [cluster] = await this.db.query<
      {
        id: string;
        title: string;
        titleBy: string | null;
        keyTerms: string[];
        memberCount: number;
        firstAt: Date;
        lastAt: Date;
        mergedInto: string | null;
      }[]
    >(
      `SELECT id, title, title_by AS "titleBy", key_terms AS "keyTerms", member_count AS "memberCount", first_at AS "firstAt",
              last_at AS "lastAt", merged_into AS "mergedInto" FROM question_cluster WHERE id = $1`,
      [clusterId],
    );
    if (!cluster) return null;
    const members = await this.db.query<
      {
        caseId: string;
        channel: string;
        externalRef: string;
        status: string;
        departmentCode: string | null;
        title: string | null;
        content: string;
        receivedAt: Date;
        similarity: number | null;
        placedBy: string;
      }[]
    >(
      `SELECT c.id AS "caseId", c.channel, c.external_ref AS "externalRef", c.status, c.department_code AS "departmentCode",
              c.title, c.content, c.received_at AS "receivedAt", m.similarity, m.placed_by AS "placedBy"
       FROM cluster_member m JOIN case_record c ON c.id = m.case_id
       WHERE m.cluster_id = $1 AND ($2::text[] IS NULL OR c.department_code = ANY($2::text[]))
       ORDER BY c.received_at`,
      [clusterId, scope ?? null],
    );
    return { ...cluster, members };
  }

  async clusterOfCase(caseId: string): Promise<string | null> {
    return (await this.clustersOf([caseId])).get(caseId) ?? null;
  }

  // ---- staff operations (each audited) ----

  async rename(clusterId: string, title: string, who: ClusterActor): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.live(m, clusterId);
      await m.query(
        `UPDATE question_cluster SET title = $2, title_by = $3, updated_at = now() WHERE id = $1`,
        [clusterId, title, who.username],
      );
      await audit(m, who, 'cluster.renamed', null, { clusterId, title });
    });
  }

  /** 合并: every member and shared answer of `from` moves to `into`; `from` points to `into`. */
  async merge(from: string, into: string, who: ClusterActor): Promise<void> {
    if (from === into) throw new ClusterError('conflict', 'intoClusterId: is this cluster itself');
    await this.db.transaction(async (m) => {
      await this.live(m, from);
      await this.live(m, into);
      await refuseSeparated(m, `SELECT case_id FROM cluster_member WHERE cluster_id = $1`, from, into);
      await m.query(
        `UPDATE cluster_member SET cluster_id = $2, placed_by = $3, placed_at = now() WHERE cluster_id = $1`,
        [from, into, who.username],
      );
      await m.query(`UPDATE shared_answer SET cluster_id = $2 WHERE cluster_id = $1`, [from, into]);
      await m.query(`UPDATE question_cluster SET merged_into = $2, updated_at = now() WHERE id = $1`, [
        from,
        into,
      ]);
      await m.query(`UPDATE question_cluster SET merged_into = $2 WHERE merged_into = $1`, [from, into]);
      await recount(m, [from, into]);
      await audit(m, who, 'cluster.merged', null, { from, into });
    });
  }

  /** 拆分 / 移动: cases go to another cluster, or to a new one (null); answers the target cluster. */
  async move(caseIds: string[], into: string | null, who: ClusterActor, title?: string): Promise<string> {
    return this.db.transaction(async (m) => {
      const rows = await m.query<{ case_id: string; cluster_id: string; received_at: Date }[]>(
        `SELECT m.case_id, m.cluster_id, c.received_at FROM cluster_member m JOIN case_record c ON c.id = m.case_id
         WHERE m.case_id = ANY($1::uuid[]) FOR UPDATE OF m`,
        [caseIds],
      );
      if (rows.length !== new Set(caseIds).size)
        throw new ClusterError('not-found', 'caseIds: some cases are in no cluster');
      let target = into;
      if (target) {
        await this.live(m, target);
        await refuseSeparated(m, `SELECT unnest($1::uuid[])`, caseIds, target);
      } else {
        target = randomUUID();
        const first = rows.reduce((a, r) => (r.received_at < a ? r.received_at : a), rows[0].received_at);
        const moved = await m.query<{ title: string | null }[]>(
          `SELECT title FROM case_record WHERE id = $1`,
          [rows[0].case_id],
        );
        await m.query(
          `INSERT INTO question_cluster (id, title, title_by, first_at, last_at) VALUES ($1, $2, $3, $4, $4)`,
          [target, title ?? moved[0]?.title ?? '新问题', title ? who.username : null, first],
        );
      }
      await m.query(
        `UPDATE cluster_member SET cluster_id = $2, placed_by = $3, placed_at = now(), similarity = NULL, matched_case_id = NULL
         WHERE case_id = ANY($1::uuid[])`,
        [caseIds, target, who.username],
      );
      await recount(m, [...new Set(rows.map((r) => r.cluster_id)), target]);
      await audit(m, who, 'cluster.moved', null, {
        caseIds,
        from: [...new Set(rows.map((r) => r.cluster_id))],
        into: target,
      });
      return target;
    });
  }

  /**
   * 非重复: the two cases are not the same question — remembered for every later placement; if
   * they share a cluster now, `caseId` leaves it for a cluster of its own.
   */
  async separate(caseId: string, otherCaseId: string, who: ClusterActor): Promise<string | null> {
    if (caseId === otherCaseId) throw new ClusterError('conflict', 'otherCaseId: is this case itself');
    const [a, b] = caseId < otherCaseId ? [caseId, otherCaseId] : [otherCaseId, caseId];
    await this.db.query(
      `INSERT INTO cluster_separation (case_a, case_b, created_by) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT pk_cluster_separation DO NOTHING`,
      [a, b, who.username],
    );
    const clusters = await this.clustersOf([caseId, otherCaseId]);
    const together = clusters.get(caseId) !== undefined && clusters.get(caseId) === clusters.get(otherCaseId);
    return together ? this.move([caseId], null, who) : null;
  }

  private async live(m: EntityManager, clusterId: string): Promise<void> {
    const [row] = await m.query<{ merged_into: string | null }[]>(
      `SELECT merged_into FROM question_cluster WHERE id = $1 FOR UPDATE`,
      [clusterId],
    );
    if (!row) throw new ClusterError('not-found', `no cluster ${clusterId}`);
    if (row.merged_into)
      throw new ClusterError('conflict', `cluster ${clusterId} was merged into ${row.merged_into}`);
  }
}

/** Refuses to bring together two cases staff marked "not the same question". */
async function refuseSeparated(
  m: EntityManager,
  movingSql: string,
  movingParam: unknown,
  into: string,
): Promise<void> {
  const [pair] = await m.query<{ case_a: string; case_b: string }[]>(
    `WITH moving AS (${movingSql.replace('$1', '$2')}), staying AS (SELECT case_id FROM cluster_member WHERE cluster_id = $1)
     SELECT s.case_a, s.case_b FROM cluster_separation s
     WHERE (s.case_a IN (SELECT * FROM moving) AND s.case_b IN (SELECT * FROM staying))
        OR (s.case_b IN (SELECT * FROM moving) AND s.case_a IN (SELECT * FROM staying))
     LIMIT 1`,
    [into, movingParam],
  );
  if (pair) {
    throw new ClusterError(
      'conflict',
      `cases ${pair.case_a} and ${pair.case_b} were marked not the same question (非重复)`,
    );
  }
}

async function saveEmbedding(m: EntityManager, caseId: string, e: StoredEmbedding): Promise<void> {
  await m.query(
    `INSERT INTO message_embedding (case_id, model, vector) VALUES ($1, $2, $3)
     ON CONFLICT (case_id) DO UPDATE SET model = EXCLUDED.model, vector = EXCLUDED.vector`,
    [caseId, e.model, toBytes(e.vector)],
  );
}

async function recount(m: EntityManager, clusterIds: string[]): Promise<void> {
  await m.query(
    `UPDATE question_cluster q SET member_count = s.n, first_at = COALESCE(s.first_at, q.first_at),
            last_at = COALESCE(s.last_at, q.last_at), updated_at = now()
     FROM (SELECT q2.id, count(c.id)::int AS n, min(c.received_at) AS first_at, max(c.received_at) AS last_at
           FROM question_cluster q2 LEFT JOIN cluster_member cm ON cm.cluster_id = q2.id
           LEFT JOIN case_record c ON c.id = cm.case_id
           WHERE q2.id = ANY($1::uuid[]) GROUP BY q2.id) s
     WHERE q.id = s.id`,
    [clusterIds],
  );
}

function audit(
  m: EntityManager,
  who: ClusterActor,
  action: string,
  caseId: string | null,
  detail: Record<string, unknown>,
) {
  return PgAuditLog.append(m, {
    occurredAt: new Date().toISOString(),
    actor: who.username,
    role: who.role,
    action,
    caseId,
    detail,
  });
}
