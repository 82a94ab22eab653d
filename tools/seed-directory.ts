import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { canonicalDocNumber } from '@hub/text';

/**
 * `node tools/run.js seed-directory [file]`: loads the unit directory and the policy registry from the seed directory
 * (default deploy/seed/jingan-directory.json). Idempotent: a policy with the same 文号 is updated.
 * The registry's admin API and the department/street directory come with triage (issue #4).
 */
interface SeedUnit {
  code: string;
  name: string;
  nameEn?: string;
  duties?: string;
}

interface SeedPolicy {
  docNo: string;
  title: string;
  drafter: string;
  issuedOn?: string;
  topics?: string[];
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? join(__dirname, '..', '..', 'deploy', 'seed', 'jingan-directory.json');
  const seed = JSON.parse(readFileSync(file, 'utf8')) as {
    policies?: SeedPolicy[];
    departments?: SeedUnit[];
    streets?: SeedUnit[];
  };
  const db = new Client({
    connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hub',
  });
  await db.connect();
  try {
    const units = [
      ...(seed.departments ?? []).map((u) => ({ ...u, kind: 'department' })),
      ...(seed.streets ?? []).map((u) => ({ ...u, kind: 'street' })),
    ];
    for (const u of units) {
      await db.query(
        `INSERT INTO department (code, kind, name, name_en, duties) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT pk_department DO UPDATE
           SET kind = EXCLUDED.kind, name = EXCLUDED.name, name_en = EXCLUDED.name_en, duties = EXCLUDED.duties, updated_at = now()`,
        [u.code, u.kind, u.name, u.nameEn ?? null, u.duties ?? ''],
      );
    }
    process.stderr.write(`directory: ${units.length} units loaded\n`);
    let n = 0;
    for (const p of seed.policies ?? []) {
      const docNo = canonicalDocNumber(p.docNo);
      if (!docNo) throw new Error(`${file}: "${p.docNo}" is not a document number`);
      await db.query(
        `INSERT INTO policy (doc_no, title, drafter_code, issued_on, topics) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT uq_policy_doc_no DO UPDATE
           SET title = EXCLUDED.title, drafter_code = EXCLUDED.drafter_code, issued_on = EXCLUDED.issued_on,
               topics = EXCLUDED.topics, updated_at = now()`,
        [docNo, p.title, p.drafter, p.issuedOn ?? null, p.topics ?? []],
      );
      n++;
    }
    process.stderr.write(`policy registry: ${n} polic${n === 1 ? 'y' : 'ies'} loaded\n`);
  } finally {
    await db.end();
  }
}

main().catch((e: unknown) => {
  console.error(`seed-directory failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
