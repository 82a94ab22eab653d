import ExcelJS from 'exceljs';
import { toChinaIso } from '@hub/deadlines';
import { type MetricDefinition, type Measures, type MetricsReport, type Rate } from '@hub/persistence';

/** One grouping of the export: its sheet name (按部门…), the header of its first column, its numbers. */
export interface MetricsSheet {
  name: string;
  unitHeader: string;
  report: MetricsReport;
}

export interface MetricsWorkbookInput {
  from: Date;
  to: Date;
  asOf: Date;
  /** What the numbers cover beyond the period, e.g. `全部单位` or `单位：区房管局`. */
  scope: string;
  sheets: MetricsSheet[];
  definitions: Record<string, MetricDefinition>;
}

type Cell = string | number | null;

interface Column {
  header: string;
  width: number;
  /** Excel number format (rates as percentages). */
  numFmt?: string;
  value: (m: Measures) => Cell;
}

const PERCENT = '0.0%';
const rate = (r: Rate): number | null => r.rate;

/** The measure columns after the unit column, in the order of the annual report. */
const COLUMNS: Column[] = [
  { header: '受理量', width: 9, value: (m) => m.received },
  { header: '及时签收件数', width: 12, value: (m) => m.response.numerator },
  { header: '应签收件数', width: 11, value: (m) => m.response.denominator },
  { header: '响应率', width: 9, numFmt: PERCENT, value: (m) => rate(m.response) },
  { header: '按期答复件数', width: 12, value: (m) => m.onTime.numerator },
  { header: '应答复件数', width: 11, value: (m) => m.onTime.denominator },
  { header: '按期办结率', width: 11, numFmt: PERCENT, value: (m) => rate(m.onTime) },
  { header: '回访件数', width: 9, value: (m) => m.resolution.denominator },
  { header: '已解决件数', width: 11, value: (m) => m.resolution.numerator },
  { header: '解决率', width: 9, numFmt: PERCENT, value: (m) => rate(m.resolution) },
  { header: '满意件数', width: 9, value: (m) => m.satisfaction.numerator },
  { header: '满意率', width: 9, numFmt: PERCENT, value: (m) => rate(m.satisfaction) },
  { header: '平均办理时长(小时)', width: 18, numFmt: '0.00', value: (m) => m.avgHandlingHours },
  { header: '超期件数', width: 9, value: (m) => m.breached },
  { header: '在办件数', width: 9, value: (m) => m.open },
  { header: '超期在办件数', width: 12, value: (m) => m.overdue },
  { header: '延期件数', width: 9, value: (m) => m.extended },
  { header: '重办件数', width: 9, value: (m) => m.reopened },
];

/** The headers of a grouping sheet (the unit column first). */
export function metricsSheetHeaders(unitHeader: string): string[] {
  return [unitHeader, ...COLUMNS.map((c) => c.header)];
}

const chinaDate = (at: Date) => toChinaIso(at).slice(0, 10);
const chinaTime = (at: Date) => toChinaIso(at).slice(0, 19).replace('T', ' ');

/** The period as people say it: `2026-01-01 至 2026-03-31` (the last day inclusive). */
export function periodText(from: Date, to: Date): string {
  return `${chinaDate(from)} 至 ${chinaDate(new Date(to.getTime() - 1))}`;
}

/**
 * `civic-hub-metrics-2026.xlsx` for a period within one calendar year starting on 1 January,
 * otherwise `civic-hub-metrics-2026-03-01_2026-03-31.xlsx`; a unit's export carries its code.
 */
export function metricsFileName(from: Date, to: Date, department?: string): string {
  const first = chinaDate(from);
  const last = chinaDate(new Date(to.getTime() - 1));
  const year = first.slice(0, 4);
  const startsTheYear = toChinaIso(from).startsWith(`${year}-01-01T00:00:00`);
  const period = startsTheYear && last.startsWith(year) ? year : `${first}_${last}`;
  const unit = department ? `-${department.replace(/[^A-Za-z0-9-]/g, '_')}` : '';
  return `civic-hub-metrics-${period}${unit}.xlsx`;
}

function addGroupingSheet(wb: ExcelJS.Workbook, sheet: MetricsSheet): void {
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = [
    { header: sheet.unitHeader, key: 'unit', width: 24 },
    ...COLUMNS.map((c, i) => ({
      header: c.header,
      key: `c${i}`,
      width: c.width,
      ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
    })),
  ];
  ws.getRow(1).font = { bold: true };
  for (const g of sheet.report.groups) ws.addRow([g.label, ...COLUMNS.map((c) => c.value(g))]);
  const total = ws.addRow(['合计', ...COLUMNS.map((c) => c.value(sheet.report.total))]);
  total.font = { bold: true };
}

function addDefinitionsSheet(wb: ExcelJS.Workbook, input: MetricsWorkbookInput): void {
  const ws = wb.addWorksheet('口径说明');
  ws.columns = [{ width: 20 }, { width: 90 }, { width: 90 }];
  ws.addRows([
    ['统计期间', `${periodText(input.from, input.to)}（按受理时间，北京时间）`],
    ['统计时点', `${chinaTime(input.asOf)}（未到期的时限不计为超时）`],
    ['统计范围', input.scope],
    [],
  ]);
  ws.addRow(['指标', '口径', 'Definition']).font = { bold: true };
  for (const d of Object.values(input.definitions))
    ws.addRow([d.name, d.definition, `${d.nameEn}: ${d.definitionEn}`]);
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
}

/**
 * The annual-report workbook: a sheet per grouping with Chinese headers, rates as percentage-
 * formatted numbers (an empty cell when nothing is counted), a 合计 row; then 口径说明.
 */
export function metricsWorkbook(input: MetricsWorkbookInput): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Civic Hub 政民互动中枢';
  wb.created = input.asOf;
  for (const sheet of input.sheets) addGroupingSheet(wb, sheet);
  addDefinitionsSheet(wb, input);
  return wb;
}

export async function metricsWorkbookBuffer(input: MetricsWorkbookInput): Promise<Buffer> {
  return Buffer.from(await metricsWorkbook(input).xlsx.writeBuffer());
}
