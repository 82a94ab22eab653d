import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import ExcelJS from 'exceljs';
import { METRIC_DEFINITIONS, type Measures, type MetricsReport } from '@hub/persistence';
import { metricsFileName, metricsSheetHeaders, metricsWorkbookBuffer, periodText } from './metrics-workbook';
import { MetricsCasesQuery, metricsPeriod, MetricsQuery } from './metrics.query';

const measures = (over: Partial<Measures> = {}): Measures => ({
  received: 4,
  response: { numerator: 1, denominator: 3, rate: 0.3333 },
  onTime: { numerator: 2, denominator: 2, rate: 1 },
  resolution: { numerator: 0, denominator: 0, rate: null },
  satisfaction: { numerator: 0, denominator: 0, rate: null },
  avgHandlingHours: 72.5,
  replied: 2,
  breached: 1,
  open: 2,
  overdue: 1,
  extended: 0,
  reopened: 0,
  ...over,
});

const report: MetricsReport = {
  total: measures({ received: 5 }),
  groups: [
    { key: 'housing', label: '区房管局', ...measures() },
    { key: null, label: '待派单（未确定承办单位）', ...measures({ received: 1 }) },
  ],
};

const china = (s: string) => new Date(`${s}+08:00`);

describe('metrics workbook', () => {
  async function readBack(): Promise<ExcelJS.Workbook> {
    const buffer = await metricsWorkbookBuffer({
      from: china('2026-01-01T00:00:00'),
      to: china('2026-03-11T00:00:00'),
      asOf: china('2026-03-10T12:00:00'),
      scope: '全部单位',
      definitions: METRIC_DEFINITIONS,
      sheets: [
        { name: '按部门', unitHeader: '单位', report },
        { name: '按渠道', unitHeader: '渠道', report: { total: measures({ received: 0 }), groups: [] } },
        { name: '按月', unitHeader: '月份', report },
      ],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    return wb;
  }

  it('has a sheet per grouping with Chinese headers, rates as percentages and a 合计 row', async () => {
    const wb = await readBack();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按部门', '按渠道', '按月', '口径说明']);
    const ws = wb.getWorksheet('按部门')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(metricsSheetHeaders('单位'));
    expect(headers).toEqual(
      expect.arrayContaining([
        '单位',
        '受理量',
        '响应率',
        '按期办结率',
        '解决率',
        '满意率',
        '平均办理时长(小时)',
        '超期件数',
      ]),
    );
    const col = (h: string) => headers.indexOf(h) + 1;
    const housing = ws.getRow(2);
    expect(housing.getCell(1).value).toBe('区房管局');
    expect(housing.getCell(col('受理量')).value).toBe(4);
    expect(housing.getCell(col('响应率')).value).toBe(0.3333);
    expect(housing.getCell(col('响应率')).numFmt).toBe('0.0%');
    expect(housing.getCell(col('解决率')).value).toBeNull(); // nothing counted: empty, not 0 %
    expect(housing.getCell(col('平均办理时长(小时)')).value).toBe(72.5);
    expect(ws.getRow(3).getCell(1).value).toBe('待派单（未确定承办单位）');
    expect(ws.getRow(4).getCell(1).value).toBe('合计');
    expect(ws.getRow(4).getCell(col('受理量')).value).toBe(5);
    expect(wb.getWorksheet('按渠道')!.getRow(2).getCell(1).value).toBe('合计');
  });

  it('explains every measure in 口径说明, with the period and the as-of time', async () => {
    const ws = (await readBack()).getWorksheet('口径说明')!;
    const text = ws
      .getSheetValues()
      .flat()
      .filter((v): v is string => typeof v === 'string')
      .join('\n');
    expect(text).toContain('2026-01-01 至 2026-03-10');
    expect(text).toContain('2026-03-10 12:00:00');
    for (const d of Object.values(METRIC_DEFINITIONS)) {
      expect(text).toContain(d.name);
      expect(text).toContain(d.definition);
    }
  });

  it('names the file by year, or by dates, and by unit', () => {
    expect(metricsFileName(china('2026-01-01T00:00:00'), china('2026-03-10T15:00:00'))).toBe(
      'civic-hub-metrics-2026.xlsx',
    );
    expect(metricsFileName(china('2025-01-01T00:00:00'), china('2026-01-01T00:00:00'))).toBe(
      'civic-hub-metrics-2025.xlsx',
    );
    expect(metricsFileName(china('2026-03-01T00:00:00'), china('2026-04-01T00:00:00'), 'gov-office')).toBe(
      'civic-hub-metrics-2026-03-01_2026-03-31-gov-office.xlsx',
    );
    expect(periodText(china('2026-03-01T00:00:00'), china('2026-04-01T00:00:00'))).toBe(
      '2026-03-01 至 2026-03-31',
    );
  });
});

describe('metrics period', () => {
  const now = china('2026-03-10T12:00:00');

  it('defaults to the current year (China time) to date', () => {
    expect(metricsPeriod({}, now)).toEqual({ from: china('2026-01-01T00:00:00'), to: now });
    // Just after midnight on 1 January in China it is still 31 December in UTC.
    const newYear = china('2026-01-01T00:30:00');
    expect(metricsPeriod({}, newYear).from).toEqual(china('2026-01-01T00:00:00'));
  });

  it('reads dates as whole China days and ISO times as instants', () => {
    expect(metricsPeriod({ from: '2026-03-01', to: '2026-03-31' }, now)).toEqual({
      from: china('2026-03-01T00:00:00'),
      to: china('2026-04-01T00:00:00'),
    });
    expect(metricsPeriod({ from: '2026-03-01T08:00:00Z', to: '2026-03-02T00:00:00+08:00' }, now)).toEqual({
      from: new Date('2026-03-01T08:00:00Z'),
      to: china('2026-03-02T00:00:00'),
    });
    // Only `to`, in an earlier year: that year up to it.
    expect(metricsPeriod({ to: '2025-06-30' }, now).from).toEqual(china('2025-01-01T00:00:00'));
  });

  it('refuses an empty period, naming to', () => {
    let error: unknown;
    try {
      metricsPeriod({ from: '2026-03-02', to: '2026-03-01' }, now);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).getResponse()).toMatchObject({ errors: [{ field: 'to' }] });
  });
});

describe('metrics query validation', () => {
  const problems = async <T extends object>(cls: new () => T, plain: object) =>
    (await validate(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true })).map(
      (e) => e.property,
    );

  it('accepts the documented parameters and names each bad one', async () => {
    expect(
      await problems(MetricsQuery, { from: '2026-01-01', to: '2026-03-31T23:59:59+08:00', groupBy: 'week' }),
    ).toEqual([]);
    expect(await problems(MetricsQuery, { groupBy: 'year' })).toEqual(['groupBy']);
    expect(await problems(MetricsQuery, { from: '2026-02-30' })).toEqual(['from']);
    expect(await problems(MetricsQuery, { to: '2026-03-01T10:00' })).toEqual(['to']); // no offset
    expect(await problems(MetricsQuery, { channel: 'fax' })).toEqual(['channel']);
  });

  it('needs a measure; an outcome only for the rates', async () => {
    expect(
      await problems(MetricsCasesQuery, { measure: 'response', outcome: 'missed', limit: '50' }),
    ).toEqual([]);
    expect(await problems(MetricsCasesQuery, { measure: 'breached' })).toEqual([]);
    expect(await problems(MetricsCasesQuery, {})).toEqual(['measure']);
    expect(await problems(MetricsCasesQuery, { measure: 'breached', outcome: 'met' })).toEqual(['outcome']);
    expect(await problems(MetricsCasesQuery, { measure: 'response', outcome: 'late' })).toEqual(['outcome']);
    expect(await problems(MetricsCasesQuery, { measure: 'response', limit: '500' })).toEqual(['limit']);
  });
});
