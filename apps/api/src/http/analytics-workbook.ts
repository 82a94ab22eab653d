import ExcelJS from 'exceljs';
import { CHANNELS } from '@hub/contracts';
import { toChinaIso } from '@hub/deadlines';
import {
  CHANNEL_LABELS,
  type ChannelCount,
  type HotTopicsReport,
  type MetricDefinition,
  type MonthlyQuestionsReport,
  type Period,
  type Rise,
} from '@hub/persistence';

export interface AnalyticsWorkbookInput {
  /** `2026-11`. */
  month: string;
  asOf: Date;
  /** What the numbers cover, e.g. `全部单位` or `单位：区房管局；渠道：12345热线`. */
  scope: string;
  monthly: MonthlyQuestionsReport;
  /** Hot topics over 30-day windows ending with the month (or now). */
  hot: HotTopicsReport;
  definitions: Record<string, MetricDefinition>;
}

type Cell = string | number | null;

const chinaIso = (at: Date) => toChinaIso(at);
const chinaTime = (at: Date) => chinaIso(at).slice(0, 16).replace('T', ' ');
const isMidnight = (at: Date) => chinaIso(at).slice(11, 19) === '00:00:00';

/**
 * A window as a column header: `11-13至11-19` (the last day inclusive) when it runs midnight to
 * midnight, China time; otherwise with the times, `11-13 14:05至11-20 14:05`.
 */
export function windowLabel(p: Period): string {
  if (isMidnight(p.from) && isMidnight(p.to))
    return `${chinaIso(p.from).slice(5, 10)}至${chinaIso(new Date(p.to.getTime() - 1)).slice(5, 10)}`;
  return `${chinaTime(p.from).slice(5)}至${chinaTime(p.to).slice(5)}`;
}

/** `civic-hub-analytics-2026-11.xlsx`; a unit's export carries its code. */
export function analyticsFileName(month: string, department?: string): string {
  const unit = department ? `-${department.replace(/[^A-Za-z0-9-]/g, '_')}` : '';
  return `civic-hub-analytics-${month}${unit}.xlsx`;
}

const channelColumns = (counts: ChannelCount[]): number[] =>
  CHANNELS.map((ch) => counts.find((c) => c.channel === ch)?.count ?? 0);
const channelHeaders = CHANNELS.map((ch) => CHANNEL_LABELS[ch] ?? ch);
const riseColumns = (r: Rise): Cell[] => [r.current, r.baseline, r.growth, r.score, r.rising ? '是' : '否'];
const RISE_HEADERS = ['当前窗口件数', '基线(前4期平均)', '增长倍数', '上升分', '是否上升'];

/** The headers of the 每月一题 sheet (the weekly columns named by their windows). */
export function monthlyHeaders(weeks: Period[]): string[] {
  return [
    '排名',
    '问题',
    '关键词',
    '本月件数',
    ...channelHeaders,
    ...weeks.map((w) => `周件数 ${windowLabel(w)}`),
    '统一回应单位',
    '首次发布时间',
    '现行版本发布时间',
    '发布前28天件数',
    '发布后28天件数',
    '发布后已满28天',
  ];
}

/** The headers of the 热点问题 sheet. */
export function hotTopicHeaders(windows: Period[]): string[] {
  return [
    '排名',
    '问题',
    '关键词',
    ...RISE_HEADERS,
    ...windows.map((w) => `件数 ${windowLabel(w)}`),
    ...channelHeaders.map((h) => `当前窗口 ${h}`),
    '统一回应发布时间',
  ];
}

/** The headers of the 上升热词 sheet. */
export function termHeaders(windows: Period[]): string[] {
  return ['排名', '关键词', '涉及问题数', ...RISE_HEADERS, ...windows.map((w) => `件数 ${windowLabel(w)}`)];
}

function addTable(wb: ExcelJS.Workbook, name: string, headers: string[], rows: Cell[][], widths: number[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  ws.columns = headers.map((header, i) => ({ header, key: `c${i}`, width: widths[i] ?? 12 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  for (const r of rows) ws.addRow(r);
}

function addDefinitionsSheet(wb: ExcelJS.Workbook, input: AnalyticsWorkbookInput): void {
  const ws = wb.addWorksheet('口径说明');
  ws.columns = [{ width: 20 }, { width: 90 }, { width: 90 }];
  const hot = input.hot.windows.at(-1);
  ws.addRows([
    ['统计月份', `${input.month}（北京时间）`],
    ['热点窗口', hot ? `当前窗口 ${windowLabel(hot)}（30 天），与前 4 个 30 天窗口比较` : ''],
    ['统计时点', chinaTime(input.asOf)],
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
 * The analyst's monthly workbook: 每月一题 (the month's most frequent recurring questions with their
 * weekly trend and the cases before and after a shared answer), 热点问题 and 上升热词 (30-day windows
 * ending with the month), and 口径说明; Chinese headers, counts as numbers, times in China time.
 */
export function analyticsWorkbook(input: AnalyticsWorkbookInput): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Civic Hub 政民互动中枢';
  wb.created = input.asOf;
  const { monthly, hot } = input;
  addTable(
    wb,
    '每月一题',
    monthlyHeaders(monthly.weeks),
    monthly.items.map((q) => [
      q.rank,
      q.title,
      q.keyTerms.join('、'),
      q.count,
      ...channelColumns(q.byChannel),
      ...q.weekly,
      q.sharedAnswer ? (q.sharedAnswer.departmentName ?? q.sharedAnswer.departmentCode) : null,
      q.sharedAnswer ? chinaTime(q.sharedAnswer.firstPublishedAt) : null,
      q.sharedAnswer ? chinaTime(q.sharedAnswer.publishedAt) : null,
      q.sharedAnswer?.before ?? null,
      q.sharedAnswer?.after ?? null,
      q.sharedAnswer ? (q.sharedAnswer.afterComplete ? '是' : '否') : null,
    ]),
    [6, 30, 24],
  );
  addTable(
    wb,
    '热点问题',
    hotTopicHeaders(hot.windows),
    hot.items.map((t, i) => [
      i + 1,
      t.title,
      t.keyTerms.join('、'),
      ...riseColumns(t.rise),
      ...t.series,
      ...channelColumns(t.byChannel),
      t.sharedAnswer ? chinaTime(t.sharedAnswer.publishedAt) : null,
    ]),
    [6, 30, 24],
  );
  addTable(
    wb,
    '上升热词',
    termHeaders(hot.windows),
    hot.terms.map((t, i) => [i + 1, t.term, t.clusters, ...riseColumns(t.rise), ...t.series]),
    [6, 16],
  );
  addDefinitionsSheet(wb, input);
  return wb;
}

export async function analyticsWorkbookBuffer(input: AnalyticsWorkbookInput): Promise<Buffer> {
  return Buffer.from(await analyticsWorkbook(input).xlsx.writeBuffer());
}
