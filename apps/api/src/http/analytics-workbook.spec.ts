import ExcelJS from 'exceljs';
import {
  HOT_TOPIC_DEFINITIONS,
  type HotTopicsReport,
  MONTHLY_QUESTION_DEFINITIONS,
  type MonthlyQuestionsReport,
  rise,
  rollingWindows,
} from '@hub/persistence';
import {
  analyticsFileName,
  analyticsWorkbookBuffer,
  hotTopicHeaders,
  monthlyHeaders,
  termHeaders,
  windowLabel,
} from './analytics-workbook';

const china = (s: string) => new Date(`${s}+08:00`);
const monthEnd = china('2026-12-01T00:00:00');

const monthly: MonthlyQuestionsReport = {
  month: { from: china('2026-11-01T00:00:00'), to: monthEnd },
  weeks: rollingWindows(monthEnd, 7, 8),
  items: [
    {
      rank: 1,
      id: 'c-1',
      title: '停车收费',
      keyTerms: ['停车', '收费'],
      count: 12,
      byChannel: [
        { channel: 'hotline', label: '12345热线', count: 9 },
        { channel: 'board', label: '网站留言板', count: 3 },
      ],
      weekly: [0, 2, 2, 2, 2, 10, 0, 0],
      sharedAnswer: {
        id: 'a-2',
        departmentCode: 'housing',
        departmentName: '区房管局',
        publishedAt: china('2026-11-15T10:00:00'),
        firstPublishedAt: china('2026-11-07T09:30:00'),
        before: 6,
        after: 12,
        afterComplete: true,
      },
    },
    {
      rank: 2,
      id: 'c-2',
      title: '学区',
      keyTerms: ['学区'],
      count: 5,
      byChannel: [{ channel: 'portal', label: '国务院平台转办', count: 5 }],
      weekly: [0, 0, 0, 0, 0, 0, 0, 5],
      sharedAnswer: null,
    },
  ],
};

const hot: HotTopicsReport = {
  windows: rollingWindows(monthEnd, 30, 5),
  items: [
    {
      id: 'c-1',
      title: '停车收费',
      keyTerms: ['停车', '收费'],
      rise: rise([0, 0, 0, 2, 16]),
      series: [0, 0, 0, 2, 16],
      byChannel: [{ channel: 'board', label: '网站留言板', count: 16 }],
      sharedAnswer: {
        id: 'a-2',
        departmentCode: 'housing',
        departmentName: '区房管局',
        publishedAt: china('2026-11-15T10:00:00'),
        firstPublishedAt: china('2026-11-07T09:30:00'),
      },
    },
  ],
  terms: [{ term: '停车', clusters: 2, rise: rise([0, 0, 0, 3, 18]), series: [0, 0, 0, 3, 18] }],
};

describe('analytics workbook', () => {
  async function readBack(): Promise<ExcelJS.Workbook> {
    const buffer = await analyticsWorkbookBuffer({
      month: '2026-11',
      asOf: china('2026-12-10T12:00:00'),
      scope: '全部单位',
      monthly,
      hot,
      definitions: { ...MONTHLY_QUESTION_DEFINITIONS, ...HOT_TOPIC_DEFINITIONS },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    return wb;
  }

  const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

  it('has 每月一题 with Chinese headers, channels, the weekly trend and before/after the answer', async () => {
    const wb = await readBack();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['每月一题', '热点问题', '上升热词', '口径说明']);
    const ws = wb.getWorksheet('每月一题')!;
    const headers = values(ws, 1);
    expect(headers).toEqual(monthlyHeaders(monthly.weeks));
    expect(headers.slice(0, 8)).toEqual([
      '排名',
      '问题',
      '关键词',
      '本月件数',
      '12345热线',
      '网站留言板',
      '国务院平台转办',
      'Open311',
    ]);
    expect(headers[8]).toBe('周件数 10-06至10-12');
    expect(headers[15]).toBe('周件数 11-24至11-30');
    const col = (h: string) => headers.indexOf(h) + 1;
    const first = ws.getRow(2);
    expect(values(ws, 2).slice(0, 16)).toEqual([
      1,
      '停车收费',
      '停车、收费',
      12,
      9,
      3,
      0,
      0,
      0,
      2,
      2,
      2,
      2,
      10,
      0,
      0,
    ]);
    expect(first.getCell(col('统一回应单位')).value).toBe('区房管局');
    expect(first.getCell(col('首次发布时间')).value).toBe('2026-11-07 09:30');
    expect(first.getCell(col('发布前28天件数')).value).toBe(6);
    expect(first.getCell(col('发布后28天件数')).value).toBe(12);
    expect(first.getCell(col('发布后已满28天')).value).toBe('是');
    const second = ws.getRow(3);
    expect(second.getCell(col('国务院平台转办')).value).toBe(5);
    expect(second.getCell(col('统一回应单位')).value).toBeNull();
  });

  it('has 热点问题 and 上升热词 with the rise, the window counts and the answer', async () => {
    const wb = await readBack();
    const ws = wb.getWorksheet('热点问题')!;
    expect(values(ws, 1)).toEqual(hotTopicHeaders(hot.windows));
    expect(values(ws, 1)).toEqual(
      expect.arrayContaining([
        '当前窗口件数',
        '基线(前4期平均)',
        '增长倍数',
        '上升分',
        '是否上升',
        '件数 11-01至11-30',
      ]),
    );
    expect(values(ws, 2)).toEqual([
      1,
      '停车收费',
      '停车、收费',
      16,
      0.5,
      16,
      3.8182,
      '是',
      0,
      0,
      0,
      2,
      16,
      0,
      16,
      0,
      0,
      '2026-11-15 10:00',
    ]);
    const terms = wb.getWorksheet('上升热词')!;
    expect(values(terms, 1)).toEqual(termHeaders(hot.windows));
    expect(values(terms, 2).slice(0, 8)).toEqual([1, '停车', 2, 18, 0.75, 18, 4, '是']);
  });

  it('explains the month, the windows, the scope and every definition', async () => {
    const wb = await readBack();
    const ws = wb.getWorksheet('口径说明')!;
    const rows = Array.from(ws.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows).toEqual(
      expect.arrayContaining([
        ['统计月份', '2026-11（北京时间）'],
        ['热点窗口', '当前窗口 11-01至11-30（30 天），与前 4 个 30 天窗口比较'],
        ['统计范围', '全部单位'],
      ]),
    );
    const names = rows.map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining(['上升分', '增长倍数', '回应前后', '周趋势', '上升热词']));
    const score = rows.find((r) => r[0] === '上升分')!;
    expect(score[1]).toContain('(当前件数 + 5) ÷ (基线 + 5)');
  });

  it('names windows and files', () => {
    expect(windowLabel({ from: china('2026-11-13T00:00:00'), to: china('2026-11-20T00:00:00') })).toBe(
      '11-13至11-19',
    );
    expect(windowLabel({ from: china('2026-11-13T14:05:00'), to: china('2026-11-20T14:05:00') })).toBe(
      '11-13 14:05至11-20 14:05',
    );
    expect(analyticsFileName('2026-11')).toBe('civic-hub-analytics-2026-11.xlsx');
    expect(analyticsFileName('2026-11', 'gov-office')).toBe('civic-hub-analytics-2026-11-gov-office.xlsx');
  });
});
