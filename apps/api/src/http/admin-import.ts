import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import {
  type ImportPolicyRow,
  type ImportProblem,
  type ImportSection,
  type ImportUnitRow,
} from '@hub/persistence';
import { CreatePolicyDto, CreateUnitDto, TrainingExampleDto } from './admin.dto';

/** A whole import file the hub cannot read (not the problem of one row). */
export class ImportFileError extends Error {}

/**
 * Checks one row against the same DTO the single-item routes use, so an import accepts exactly
 * what the API accepts. Answers the checked value, or every field problem.
 */
function check<T extends object>(
  cls: ClassConstructor<T>,
  plain: Record<string, unknown>,
): { value: T; problems: [] } | { value: null; problems: { field: string; problem: string }[] } {
  const value = plainToInstance(cls, plain);
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length === 0) return { value, problems: [] };
  const flatten = (es: ValidationError[], prefix = ''): { field: string; problem: string }[] =>
    es.flatMap((e) => [
      ...Object.values(e.constraints ?? {}).map((problem) => ({
        field: `${prefix}${e.property}`,
        problem: problem.replace(/^property (\S+) should not exist$/, 'unknown field $1'),
      })),
      ...flatten(e.children ?? [], `${prefix}${e.property}.`),
    ]);
  return { value: null, problems: flatten(errors) };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface DirectoryFile {
  units: ImportUnitRow[];
  policies: ImportPolicyRow[];
  /** Rows refused before they reach the database: shape, field rules, duplicates in the file. */
  rejected: ImportProblem[];
  /** Rows in the file. */
  rows: number;
}

const SECTIONS = ['departments', 'streets', 'policies'] as const;

/**
 * Reads a directory file in the shape of deploy/seed/jingan-directory.json — {departments: [unit],
 * streets: [unit], policies: [{docNo, title, drafter, issuedOn?, topics?, serviceItems?}]}; other
 * top-level keys (about, district) are ignored. Every row is checked on its own; a bad row is
 * reported with its section, 1-based row number, field and problem and never stops the others.
 * A unit's kind comes from its section. A code or 文号 a second time in the file is refused.
 */
export function readDirectoryFile(json: unknown): DirectoryFile {
  if (!isObject(json)) throw new ImportFileError('the directory must be a JSON object');
  if (!SECTIONS.some((s) => s in json))
    throw new ImportFileError('the directory has none of departments, streets and policies');
  const out: DirectoryFile = { units: [], policies: [], rejected: [], rows: 0 };
  const reject = (section: ImportSection, row: number, field: string, problem: string) =>
    out.rejected.push({ section, row, field, problem });
  const seen = new Map<string, string>();

  for (const section of SECTIONS) {
    const rows = json[section];
    if (rows === undefined) continue;
    if (!Array.isArray(rows)) {
      reject(section, 0, section, `${section} must be a list`);
      continue;
    }
    rows.forEach((raw: unknown, i) => {
      const row = i + 1;
      out.rows++;
      if (!isObject(raw)) return reject(section, row, '(row)', 'must be an object');
      if (section === 'policies') {
        const { drafter, ...rest } = raw;
        if (drafter !== undefined && rest.drafterCode !== undefined && drafter !== rest.drafterCode)
          return reject(section, row, 'drafter', 'drafter and drafterCode differ');
        const drafterField = drafter !== undefined ? 'drafter' : 'drafterCode';
        const r = check(CreatePolicyDto, { ...rest, drafterCode: rest.drafterCode ?? drafter });
        if (!r.value) {
          for (const p of r.problems)
            reject(
              section,
              row,
              p.field === 'drafterCode' ? drafterField : p.field,
              p.problem.replace(/^drafterCode/, drafterField),
            );
          return;
        }
        const key = `policy ${r.value.docNo}`;
        if (seen.has(key)) return reject(section, row, 'docNo', `${r.value.docNo} is also ${seen.get(key)}`);
        seen.set(key, `policies row ${row}`);
        const { docNo, title, drafterCode, issuedOn, topics, serviceItems } = r.value;
        out.policies.push({
          row,
          drafterField,
          fields: {
            docNo,
            title,
            drafterCode,
            issuedOn,
            topics,
            serviceItems: serviceItems?.map(({ name, url }) => ({ name, url })),
          },
        });
        return;
      }
      const kind = section === 'streets' ? 'street' : 'department';
      if (raw.kind !== undefined && raw.kind !== kind)
        return reject(section, row, 'kind', `kind must be ${kind} in ${section} (or left out)`);
      const r = check(CreateUnitDto, { ...raw, kind });
      if (!r.value) {
        for (const p of r.problems) reject(section, row, p.field, p.problem);
        return;
      }
      const key = `unit ${r.value.code}`;
      if (seen.has(key)) return reject(section, row, 'code', `${r.value.code} is also ${seen.get(key)}`);
      seen.set(key, `${section} row ${row}`);
      const { code, name, nameEn, duties, communities, active } = r.value;
      out.units.push({ section, row, code, fields: { kind, name, nameEn, duties, communities, active } });
    });
  }
  return out;
}

export interface ExampleLine {
  line: number;
  externalId: string | null;
  title: string | null;
  content: string;
  label: string;
}

export interface LineProblem {
  line: number;
  problem: string;
}

/**
 * Reads training examples in JSONL, one {id?, title?, content, label} per line (blank lines
 * skipped), the records of `classifier train`. A bad line is reported with its number and the
 * problem, like the CLI does, and the others go on; an id a second time in the file is refused.
 */
export function readExampleLines(text: string): { examples: ExampleLine[]; rejected: LineProblem[] } {
  const examples: ExampleLine[] = [];
  const rejected: LineProblem[] = [];
  const ids = new Map<string, number>();
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (e) {
      return rejected.push({ line, problem: `not JSON (${(e as Error).message})` });
    }
    if (!isObject(parsed)) return rejected.push({ line, problem: 'not a JSON object' });
    const r = check(TrainingExampleDto, parsed);
    if (!r.value) return rejected.push({ line, problem: r.problems.map((p) => p.problem).join('; ') });
    const id = r.value.id ?? null;
    if (id !== null) {
      if (ids.has(id)) return rejected.push({ line, problem: `id ${id} is also on line ${ids.get(id)}` });
      ids.set(id, line);
    }
    examples.push({
      line,
      externalId: id,
      title: r.value.title ?? null,
      content: r.value.content,
      label: r.value.label,
    });
  });
  return { examples, rejected };
}
