import ExcelJS from 'exceljs';
import { PORTAL_EXPORT_HEADERS, PORTAL_REQUIRED_HEADERS } from '@hub/contracts';
import { chinaTextToIso, excelDateToIso } from './china-time';

/** One row of an export file: its number in the file and its fields, or why it could not be read. */
export interface ReferralFileRow {
  row: number;
  fields: Record<string, unknown> | null;
  error?: string;
}

/** The file as a whole cannot be read (unknown type, missing headers, broken workbook). */
export class ReferralFileError extends Error {}

export const MAX_IMPORT_ROWS = 100_000;

const TIME_FIELDS = new Set(['referredAt', 'dueAt']);

function cellToValue(field: string, value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (value instanceof Date) return TIME_FIELDS.has(field) ? excelDateToIso(value) : value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('result' in value) return cellToValue(field, value.result); // formula
    return String(JSON.stringify(value));
  }
  const text = String(value).trim();
  if (text === '') return undefined;
  if (TIME_FIELDS.has(field)) return chinaTextToIso(text, { endOfDay: field === 'dueAt' }) ?? text;
  return text;
}

async function readXlsx(buffer: Buffer): Promise<ReferralFileRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new ReferralFileError(
      `not a readable .xlsx workbook (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ReferralFileError('the workbook has no worksheet');
  const columns = new Map<number, string>();
  sheet.getRow(1).eachCell((cell, col) => {
    const header = String(cell.text ?? '').trim();
    const field = (PORTAL_EXPORT_HEADERS as Record<string, string>)[header];
    if (field) columns.set(col, field);
  });
  const present = new Set(columns.values());
  const missing = PORTAL_REQUIRED_HEADERS.filter((h) => !present.has(PORTAL_EXPORT_HEADERS[h]));
  if (missing.length) throw new ReferralFileError(`the first row lacks the column(s) ${missing.join('、')}`);
  const rows: ReferralFileRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const fields: Record<string, unknown> = {};
    for (const [col, field] of columns) {
      const v = cellToValue(field, row.getCell(col).value);
      if (v !== undefined) fields[field] = v;
    }
    if (Object.keys(fields).length > 0) rows.push({ row: n, fields });
  });
  return rows;
}

function readJsonl(buffer: Buffer): ReferralFileRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new ReferralFileError('the .jsonl file is not valid UTF-8');
  }
  const rows: ReferralFileRow[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const v: unknown = JSON.parse(line);
      if (typeof v !== 'object' || v === null || Array.isArray(v))
        rows.push({ row: i + 1, fields: null, error: 'the line is not a JSON object' });
      else rows.push({ row: i + 1, fields: v as Record<string, unknown> });
    } catch (e) {
      rows.push({ row: i + 1, fields: null, error: `the line is not JSON (${(e as Error).message})` });
    }
  });
  return rows;
}

/** Reads the portal's export: .xlsx with the Chinese headers, or .jsonl with the API's field names. */
export async function readReferralFile(fileName: string, buffer: Buffer): Promise<ReferralFileRow[]> {
  const lower = fileName.toLowerCase();
  const rows = lower.endsWith('.xlsx')
    ? await readXlsx(buffer)
    : lower.endsWith('.jsonl')
      ? readJsonl(buffer)
      : null;
  if (rows === null)
    throw new ReferralFileError(`"${fileName}": only .xlsx and .jsonl files can be imported`);
  if (rows.length === 0) throw new ReferralFileError('the file has no rows');
  if (rows.length > MAX_IMPORT_ROWS)
    throw new ReferralFileError(`the file has ${rows.length} rows, more than ${MAX_IMPORT_ROWS}`);
  return rows;
}
