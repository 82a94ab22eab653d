import { type DataSource, type EntityManager } from 'typeorm';
import { type AuditEntry } from '@hub/audit';
import { type DirectoryVocabulary } from '@hub/text';
import { PgAuditLog } from './pg-audit.log';

export type UnitKind = 'department' | 'street';

/** A unit that receives cases: a department (委办局) or a street office (街道办事处). */
export interface Unit {
  code: string;
  kind: UnitKind;
  name: string;
  nameEn: string | null;
  duties: string;
  /** A street office's communities (居委会); user-dictionary words for segmentation. */
  communities: string[];
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface UnitFields {
  kind: UnitKind;
  name: string;
  nameEn?: string | null;
  duties?: string;
  communities?: string[];
  active?: boolean;
}

/** A matching 一网通办 service item of a policy. */
export interface ServiceItem {
  name: string;
  url: string;
}

/** A policy in the registry: its 文号 (canonical), title and drafting unit. */
export interface Policy {
  id: string;
  docNo: string;
  title: string;
  drafterCode: string;
  drafterName: string | null;
  /** YYYY-MM-DD. */
  issuedOn: string | null;
  topics: string[];
  serviceItems: ServiceItem[];
  createdAt: Date;
  updatedAt: Date;
}

export interface PolicyFields {
  /** Canonical 文号 (see `canonicalDocNumber`). */
  docNo: string;
  title: string;
  drafterCode: string;
  issuedOn?: string | null;
  topics?: string[];
  serviceItems?: ServiceItem[];
}

/** Who changes the registry (for the audit log). */
export interface RegistryActor {
  username: string;
  role: string;
}

/**
 * A write the directory, the policy registry or the classifier model registry refuses: `not-found` (unknown code or id), `conflict` (a duplicate, or a
 * change that would leave something dangling), `invalid` (a field names something that does not
 * exist, e.g. an unknown drafting unit). `field` names the field at fault.
 */
export class RegistryError extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict' | 'invalid',
    readonly field: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export type ImportSection = 'departments' | 'streets' | 'policies';

/** One rejected row of a directory import: where (section and 1-based row), which field, why. */
export interface ImportProblem {
  section: ImportSection;
  row: number;
  field: string;
  problem: string;
}

export interface ImportReport {
  /** Rows that added a unit or policy. */
  accepted: number;
  /** Rows that changed an existing one (same code, same 文号). */
  updated: number;
  rejected: ImportProblem[];
}

export interface ImportUnitRow {
  section: 'departments' | 'streets';
  row: number;
  code: string;
  fields: UnitFields;
}

export interface ImportPolicyRow {
  row: number;
  /** The name of the drafter field in the file (`drafter` or `drafterCode`), for the report. */
  drafterField: string;
  fields: PolicyFields;
}

interface UnitRow {
  code: string;
  kind: UnitKind;
  name: string;
  name_en: string | null;
  duties: string;
  communities: string[];
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

interface PolicyRow {
  id: string;
  doc_no: string;
  title: string;
  drafter_code: string;
  drafter_name: string | null;
  issued_on: string | null;
  topics: string[];
  service_items: ServiceItem[];
  created_at: Date;
  updated_at: Date;
}

const UNIT_COLUMNS = `code, kind, name, name_en, duties, communities, active, created_at, updated_at`;
const POLICY_COLUMNS = `p.id, p.doc_no, p.title, p.drafter_code, d.name AS drafter_name,
  to_char(p.issued_on, 'YYYY-MM-DD') AS issued_on, p.topics, p.service_items, p.created_at, p.updated_at`;

const unitOf = (r: UnitRow): Unit => ({
  code: r.code,
  kind: r.kind,
  name: r.name,
  nameEn: r.name_en,
  duties: r.duties,
  communities: r.communities,
  active: r.active,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const policyOf = (r: PolicyRow): Policy => ({
  id: r.id,
  docNo: r.doc_no,
  title: r.title,
  drafterCode: r.drafter_code,
  drafterName: r.drafter_name,
  issuedOn: r.issued_on,
  topics: r.topics,
  serviceItems: r.service_items,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Escapes LIKE wildcards so a search string matches as typed. */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The words the directory and the policy registry add to the segmenter's user dictionary: active
 * units with their communities, and every policy's title and topics.
 */
export async function loadDirectoryVocabulary(db: DataSource | EntityManager): Promise<DirectoryVocabulary> {
  const [units, policies] = await Promise.all([
    db.query<{ name: string; communities: string[] }[]>(
      `SELECT name, communities FROM department WHERE active ORDER BY code`,
    ),
    db.query<{ title: string; topics: string[] }[]>(`SELECT title, topics FROM policy ORDER BY doc_no`),
  ]);
  return { units, policies };
}

/**
 * The unit directory and the policy registry, as administrators edit them: units are deactivated,
 * never deleted (cases, accounts and policies point at them); a policy's drafter must be an active
 * unit, and a unit that still drafts policies cannot be deactivated. Every write is audited in its
 * own transaction. Readers that cache the directory (triage, intake) see changes within their TTL.
 */
export class PgDirectoryStore {
  constructor(private readonly db: DataSource) {}

  async listUnits(filter: { kind?: UnitKind; active?: boolean } = {}): Promise<Unit[]> {
    const rows = await this.db.query<UnitRow[]>(
      `SELECT ${UNIT_COLUMNS} FROM department
       WHERE ($1::text IS NULL OR kind = $1) AND ($2::boolean IS NULL OR active = $2)
       ORDER BY kind, code`,
      [filter.kind ?? null, filter.active ?? null],
    );
    return rows.map(unitOf);
  }

  async getUnit(code: string): Promise<Unit | null> {
    const [row] = await this.db.query<UnitRow[]>(`SELECT ${UNIT_COLUMNS} FROM department WHERE code = $1`, [
      code,
    ]);
    return row ? unitOf(row) : null;
  }

  /** The codes of the units, e.g. to check training-example labels; `activeOnly` leaves out deactivated ones. */
  async unitCodes(activeOnly: boolean): Promise<Set<string>> {
    const rows = await this.db.query<{ code: string }[]>(
      `SELECT code FROM department WHERE active OR NOT $1::boolean`,
      [activeOnly],
    );
    return new Set(rows.map((r) => r.code));
  }

  async createUnit(code: string, fields: UnitFields, actor: RegistryActor): Promise<Unit> {
    return this.db.transaction(async (m) => {
      const [row] = await m.query<UnitRow[]>(
        `INSERT INTO department (code, kind, name, name_en, duties, communities, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT pk_department DO NOTHING
         RETURNING ${UNIT_COLUMNS}`,
        [
          code,
          fields.kind,
          fields.name,
          fields.nameEn ?? null,
          fields.duties ?? '',
          fields.communities ?? [],
          fields.active ?? true,
        ],
      );
      if (!row) throw new RegistryError('conflict', 'code', `a unit with code ${code} exists already`);
      await auditAdminAction(m, actor, 'directory.unit-created', { code, ...fields });
      return unitOf(row);
    });
  }

  /** Changes the given fields only; `active: false` deactivates. */
  async updateUnit(code: string, patch: Partial<UnitFields>, actor: RegistryActor): Promise<Unit> {
    return this.db.transaction(async (m) => {
      const row = await this.patchUnit(m, code, patch);
      if (!row) throw new RegistryError('not-found', 'code', `no unit ${code}`);
      await auditAdminAction(m, actor, 'directory.unit-updated', { code, ...patch });
      return unitOf(row);
    });
  }

  private async patchUnit(
    m: EntityManager,
    code: string,
    patch: Partial<UnitFields>,
  ): Promise<UnitRow | null> {
    const [current] = await m.query<{ active: boolean }[]>(
      `SELECT active FROM department WHERE code = $1 FOR UPDATE`,
      [code],
    );
    if (!current) return null;
    if (patch.active === false && current.active) {
      const drafts = await m.query<{ doc_no: string }[]>(
        `SELECT doc_no FROM policy WHERE drafter_code = $1 ORDER BY doc_no LIMIT 5`,
        [code],
      );
      if (drafts.length > 0)
        throw new RegistryError(
          'conflict',
          'active',
          `${code} drafts policies (${drafts.map((d) => d.doc_no).join(', ')}); give them another drafter before deactivating it`,
        );
    }
    // (TypeORM answers a bare UPDATE … RETURNING as [rows, count]; in a WITH it is a SELECT.)
    const [row] = await m.query<UnitRow[]>(
      `WITH u AS (
         UPDATE department SET
           kind = COALESCE($2, kind), name = COALESCE($3, name),
           name_en = CASE WHEN $4::boolean THEN $5 ELSE name_en END,
           duties = COALESCE($6, duties), communities = COALESCE($7, communities),
           active = COALESCE($8, active), updated_at = now()
         WHERE code = $1
         RETURNING *
       ) SELECT ${UNIT_COLUMNS} FROM u`,
      [
        code,
        patch.kind ?? null,
        patch.name ?? null,
        patch.nameEn !== undefined,
        patch.nameEn ?? null,
        patch.duties ?? null,
        patch.communities ?? null,
        patch.active ?? null,
      ],
    );
    return row;
  }

  /** Policies, filtered by a substring of the 文号 or the title (`q`) and by drafter; newest issued first. */
  async listPolicies(query: {
    q?: string;
    drafter?: string;
    offset: number;
    limit: number;
  }): Promise<{ items: Policy[]; total: number }> {
    const where = `($1::text IS NULL OR p.doc_no ILIKE $1 OR p.title ILIKE $1) AND ($2::text IS NULL OR p.drafter_code = $2)`;
    const params = [query.q ? likePattern(query.q) : null, query.drafter ?? null];
    const [rows, [{ total }]] = await Promise.all([
      this.db.query<PolicyRow[]>(
        `SELECT ${POLICY_COLUMNS} FROM policy p LEFT JOIN department d ON d.code = p.drafter_code
         WHERE ${where} ORDER BY p.issued_on DESC NULLS LAST, p.doc_no OFFSET $3 LIMIT $4`,
        [...params, query.offset, query.limit],
      ),
      this.db.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM policy p WHERE ${where}`,
        params,
      ),
    ]);
    return { items: rows.map(policyOf), total };
  }

  async getPolicy(id: string): Promise<Policy | null> {
    if (!UUID.test(id)) return null;
    return this.policyById(this.db, id);
  }

  async createPolicy(fields: PolicyFields, actor: RegistryActor): Promise<Policy> {
    return this.db.transaction(async (m) => {
      await checkDrafter(m, fields.drafterCode, 'drafterCode');
      const [row] = await m.query<{ id: string }[]>(
        `INSERT INTO policy (doc_no, title, drafter_code, issued_on, topics, service_items)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ON CONSTRAINT uq_policy_doc_no DO NOTHING
         RETURNING id`,
        [
          fields.docNo,
          fields.title,
          fields.drafterCode,
          fields.issuedOn ?? null,
          fields.topics ?? [],
          JSON.stringify(fields.serviceItems ?? []),
        ],
      );
      if (!row)
        throw new RegistryError('conflict', 'docNo', `a policy with 文号 ${fields.docNo} exists already`);
      await auditAdminAction(m, actor, 'policy.created', { id: row.id, ...fields });
      return (await this.policyById(m, row.id))!;
    });
  }

  /** Changes the given fields only. */
  async updatePolicy(id: string, patch: Partial<PolicyFields>, actor: RegistryActor): Promise<Policy> {
    if (!UUID.test(id)) throw new RegistryError('not-found', 'id', `no policy ${id}`);
    return this.db.transaction(async (m) => {
      const [current] = await m.query<{ id: string }[]>(`SELECT id FROM policy WHERE id = $1 FOR UPDATE`, [
        id,
      ]);
      if (!current) throw new RegistryError('not-found', 'id', `no policy ${id}`);
      if (patch.drafterCode !== undefined) await checkDrafter(m, patch.drafterCode, 'drafterCode');
      if (patch.docNo !== undefined) {
        const [other] = await m.query<{ id: string }[]>(
          `SELECT id FROM policy WHERE doc_no = $1 AND id <> $2`,
          [patch.docNo, id],
        );
        if (other)
          throw new RegistryError('conflict', 'docNo', `a policy with 文号 ${patch.docNo} exists already`);
      }
      await m.query(
        `UPDATE policy SET
           doc_no = COALESCE($2, doc_no), title = COALESCE($3, title), drafter_code = COALESCE($4, drafter_code),
           issued_on = CASE WHEN $5::boolean THEN $6::date ELSE issued_on END,
           topics = COALESCE($7, topics), service_items = COALESCE($8::jsonb, service_items), updated_at = now()
         WHERE id = $1`,
        [
          id,
          patch.docNo ?? null,
          patch.title ?? null,
          patch.drafterCode ?? null,
          patch.issuedOn !== undefined,
          patch.issuedOn ?? null,
          patch.topics ?? null,
          patch.serviceItems ? JSON.stringify(patch.serviceItems) : null,
        ],
      );
      await auditAdminAction(m, actor, 'policy.updated', { id, ...patch });
      return (await this.policyById(m, id))!;
    });
  }

  /**
   * Upserts units (by code), then policies (by 文号), each row on its own: a row the database
   * refuses (an unknown or deactivated drafter, deactivating a unit that drafts policies) is
   * reported and the others go on. One transaction with a savepoint per row, audited once.
   */
  async importDirectory(
    units: readonly ImportUnitRow[],
    policies: readonly ImportPolicyRow[],
    actor: RegistryActor,
  ): Promise<ImportReport> {
    return this.db.transaction(async (m) => {
      const report: ImportReport = { accepted: 0, updated: 0, rejected: [] };
      const row = async (
        where: { section: ImportSection; row: number },
        write: () => Promise<boolean>,
      ): Promise<void> => {
        await m.query(`SAVEPOINT import_row`);
        try {
          if (await write()) report.accepted++;
          else report.updated++;
          await m.query(`RELEASE SAVEPOINT import_row`);
        } catch (e) {
          await m.query(`ROLLBACK TO SAVEPOINT import_row`);
          if (!(e instanceof RegistryError)) throw e;
          report.rejected.push({ ...where, field: e.field ?? '(row)', problem: e.message });
        }
      };
      for (const u of units) {
        await row({ section: u.section, row: u.row }, async () => {
          const existing = await this.patchUnit(m, u.code, u.fields);
          if (existing) return false;
          await m.query(
            `INSERT INTO department (code, kind, name, name_en, duties, communities, active) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [
              u.code,
              u.fields.kind,
              u.fields.name,
              u.fields.nameEn ?? null,
              u.fields.duties ?? '',
              u.fields.communities ?? [],
              u.fields.active ?? true,
            ],
          );
          return true;
        });
      }
      for (const p of policies) {
        await row({ section: 'policies', row: p.row }, async () => {
          await checkDrafter(m, p.fields.drafterCode, p.drafterField);
          const [r] = await m.query<{ inserted: boolean }[]>(
            `INSERT INTO policy (doc_no, title, drafter_code, issued_on, topics, service_items)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT ON CONSTRAINT uq_policy_doc_no DO UPDATE
               SET title = EXCLUDED.title, drafter_code = EXCLUDED.drafter_code,
                   issued_on = COALESCE(EXCLUDED.issued_on, policy.issued_on),
                   topics = CASE WHEN $7::boolean THEN EXCLUDED.topics ELSE policy.topics END,
                   service_items = CASE WHEN $8::boolean THEN EXCLUDED.service_items ELSE policy.service_items END,
                   updated_at = now()
             RETURNING (xmax = 0) AS inserted`,
            [
              p.fields.docNo,
              p.fields.title,
              p.fields.drafterCode,
              p.fields.issuedOn ?? null,
              p.fields.topics ?? [],
              JSON.stringify(p.fields.serviceItems ?? []),
              p.fields.topics !== undefined,
              p.fields.serviceItems !== undefined,
            ],
          );
          return r.inserted;
        });
      }
      await auditAdminAction(m, actor, 'directory.imported', {
        units: units.length,
        policies: policies.length,
        accepted: report.accepted,
        updated: report.updated,
        rejected: report.rejected.length,
      });
      return report;
    });
  }

  vocabulary(): Promise<DirectoryVocabulary> {
    return loadDirectoryVocabulary(this.db);
  }

  private async policyById(db: DataSource | EntityManager, id: string): Promise<Policy | null> {
    const [row] = await db.query<PolicyRow[]>(
      `SELECT ${POLICY_COLUMNS} FROM policy p LEFT JOIN department d ON d.code = p.drafter_code WHERE p.id = $1`,
      [id],
    );
    return row ? policyOf(row) : null;
  }
}

async function checkDrafter(m: EntityManager, code: string, field: string): Promise<void> {
  const [unit] = await m.query<{ active: boolean }[]>(`SELECT active FROM department WHERE code = $1`, [
    code,
  ]);
  if (!unit) throw new RegistryError('invalid', field, `no unit ${code} in the directory`);
  if (!unit.active) throw new RegistryError('invalid', field, `unit ${code} is deactivated`);
}

/** Appends an administrator's action (no case) to the audit log, inside the caller's transaction. */
export function auditAdminAction(
  m: EntityManager,
  actor: RegistryActor,
  action: string,
  detail: object,
): Promise<void> {
  const entry: AuditEntry = {
    occurredAt: new Date().toISOString(),
    actor: actor.username,
    role: actor.role,
    action,
    caseId: null,
    detail: JSON.parse(JSON.stringify(detail)) as Record<string, unknown>,
  };
  return PgAuditLog.append(m, entry);
}
