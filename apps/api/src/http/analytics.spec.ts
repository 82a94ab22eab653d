import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import {
  byRise,
  calendarBuckets,
  chinaMonthOf,
  MIN_RISING_COUNT,
  monthPeriod,
  rise,
  rollingWindows,
} from '@hub/persistence';
import {
  analyticsMonth,
  checkBuckets,
  HotTopicsQuery,
  MonthlyQuestionsQuery,
  VolumeQuery,
  windowEnd,
} from './analytics.query';

const china = (s: string) => new Date(`${s}+08:00`);

async function problems(cls: new () => object, plain: Record<string, unknown>): Promise<string[]> {
  const errors = await validate(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true });
  return errors.map((e) => e.property);
}

describe('analytics windows', () => {
  it('lays equal rolling windows back from the end, oldest first, the last ending at the end', () => {
    const end = china('2026-11-20T14:30:00');
    const w = rollingWindows(end, 7, 5);
    expect(w).toHaveLength(5);
    expect(w[4]).toEqual({ from: china('2026-11-13T14:30:00'), to: end });
    expect(w[0]).toEqual({ from: china('2026-10-16T14:30:00'), to: china('2026-10-23T14:30:00') });
    for (let i = 1; i < 5; i++) expect(w[i].from).toEqual(w[i - 1].to);
    expect(rollingWindows(end, 30, 1)[0].from).toEqual(china('2026-10-21T14:30:00'));
  });

  it('reads at as the end of a China day, an instant, or now', () => {
    const now = new Date('2026-11-20T03:00:00Z');
    expect(windowEnd(undefined, now)).toBe(now);
    expect(windowEnd('2026-11-19', now)).toEqual(china('2026-11-20T00:00:00'));
    expect(windowEnd('2026-11-19T08:00:00Z', now)).toEqual(new Date('2026-11-19T08:00:00Z'));
  });

  it('takes calendar months in China time, defaulting to the month of now there', () => {
    expect(monthPeriod('2026-12')).toEqual({
      from: china('2026-12-01T00:00:00'),
      to: china('2027-01-01T00:00:00'),
    });
    expect(monthPeriod('2028-02').to).toEqual(china('2028-03-01T00:00:00'));
    // 2026-10-31 17:00 UTC is already 1 November in Shanghai.
    const now = new Date('2026-10-31T17:00:00Z');
    expect(chinaMonthOf(now)).toBe('2026-11');
    expect(analyticsMonth(undefined, now)).toEqual({ month: '2026-11', ...monthPeriod('2026-11') });
    expect(analyticsMonth('2026-02', now).month).toBe('2026-02');
  });

  it('cuts a period into China days, ISO weeks from Monday and months, clipping the ends', () => {
    const days = calendarBuckets(
      { from: new Date('2026-03-01T16:00:00Z'), to: new Date('2026-03-04T12:00:00+08:00') },
      'day',
    );
    expect(days.map((b) => [b.key, b.label])).toEqual([
      ['2026-03-02', '2026年3月2日'],
      ['2026-03-03', '2026年3月3日'],
      ['2026-03-04', '2026年3月4日'],
    ]);
    expect(days[2].to).toEqual(china('2026-03-04T12:00:00'));

    const weeks = calendarBuckets(
      { from: china('2026-12-30T00:00:00'), to: china('2027-01-12T00:00:00') },
      'week',
    );
    expect(weeks.map((b) => [b.key, b.start, b.label])).toEqual([
      ['2026-W53', '2026-12-28', '2026年第53周'],
      ['2027-W01', '2027-01-04', '2027年第1周'],
      ['2027-W02', '2027-01-11', '2027年第2周'],
    ]);
    expect(weeks[0].from).toEqual(china('2026-12-30T00:00:00'));
    expect(weeks[1]).toMatchObject({ from: china('2027-01-04T00:00:00'), to: china('2027-01-11T00:00:00') });

    const months = calendarBuckets(
      { from: china('2026-11-15T00:00:00'), to: china('2027-02-01T00:00:00') },
      'month',
    );
    expect(months.map((b) => [b.key, b.label, b.start])).toEqual([
      ['2026-11', '2026年11月', '2026-11-01'],
      ['2026-12', '2026年12月', '2026-12-01'],
      ['2027-01', '2027年1月', '2027-01-01'],
    ]);
  });

  it('refuses a period with more buckets than an answer holds', () => {
    const twoYears = { from: china('2025-01-01T00:00:00'), to: china('2027-01-03T00:00:00') }; // 732 days
    expect(() => checkBuckets(twoYears, 'day')).toThrow(BadRequestException);
    expect(() => checkBuckets(twoYears, 'week')).not.toThrow();
    expect(() =>
      checkBuckets({ from: twoYears.from, to: china('2026-12-31T00:00:00') }, 'day'),
    ).not.toThrow();
  });
});

describe('rising score', () => {
  it('compares the current window with the mean of the earlier ones', () => {
    expect(rise([2, 2, 2, 2, 10])).toEqual({
      current: 10,
      baseline: 2,
      growth: 5,
      score: 2.1429,
      rising: true,
    });
    expect(rise([20, 20, 20, 20, 20])).toEqual({
      current: 20,
      baseline: 20,
      growth: 1,
      score: 1,
      rising: false,
    });
    expect(rise([1, 1, 1, 1, 2])).toEqual({
      current: 2,
      baseline: 1,
      growth: 2,
      score: 1.1667,
      rising: false,
    });
    // A baseline under 1 counts as 1 in the growth; the score stays finite.
    expect(rise([0, 0, 0, 1, 3])).toEqual({
      current: 3,
      baseline: 0.25,
      growth: 3,
      score: 1.5238,
      rising: true,
    });
    expect(rise([0, 0, 0, 0, 0])).toEqual({ current: 0, baseline: 0, growth: 0, score: 1, rising: false });
    expect(rise([30, 10, 10, 10, 5]).rising).toBe(false);
  });

  it('ranks a real rise above a steady large cluster, and tiny ones after every larger one', () => {
    const item = (tie: string, series: number[]) => ({ tie, rise: rise(series) });
    const ranked = [
      item('tiny 1 → 2', [1, 1, 1, 1, 2]),
      item('new 0 → 2', [0, 0, 0, 0, 2]),
      item('steady 20', [20, 20, 20, 20, 20]),
      item('falling', [30, 30, 30, 30, 10]),
      item('2 → 10', [2, 2, 2, 2, 10]),
      item('20 → 30', [20, 20, 20, 20, 30]),
    ]
      .sort(byRise)
      .map((x) => x.tie);
    expect(ranked).toEqual(['2 → 10', '20 → 30', 'steady 20', 'falling', 'new 0 → 2', 'tiny 1 → 2']);
    expect(MIN_RISING_COUNT).toBe(3);
  });

  it('breaks ties by the current count, then by name', () => {
    const a = { tie: 'b', rise: rise([5, 5, 5, 5, 5]) };
    const b = { tie: 'a', rise: rise([10, 10, 10, 10, 10]) };
    const c = { tie: 'c', rise: rise([10, 10, 10, 10, 10]) };
    expect([c, a, b].sort(byRise).map((x) => x.tie)).toEqual(['a', 'c', 'b']);
  });
});

describe('analytics query validation', () => {
  it('accepts the documented parameters and applies the defaults', async () => {
    expect(await problems(HotTopicsQuery, {})).toEqual([]);
    const q = plainToInstance(HotTopicsQuery, { limit: '5' });
    expect([q.window, q.limit]).toEqual(['week', 5]);
    expect(
      await problems(HotTopicsQuery, {
        window: 'month',
        at: '2026-11-20T08:00:00+08:00',
        channel: 'board',
        department: 'housing',
        street: 'caojiadu',
      }),
    ).toEqual([]);
    expect(await problems(MonthlyQuestionsQuery, { month: '2026-11', limit: '10' })).toEqual([]);
    const v = plainToInstance(VolumeQuery, {});
    expect([v.groupBy, v.interval]).toEqual(['channel', 'week']);
    expect(await problems(VolumeQuery, { groupBy: 'street', interval: 'day', from: '2026-03-01' })).toEqual(
      [],
    );
  });

  it('names every bad parameter', async () => {
    expect(
      (
        await problems(HotTopicsQuery, { window: 'year', at: 'yesterday', limit: '0', channel: 'fax' })
      ).sort(),
    ).toEqual(['at', 'channel', 'limit', 'window']);
    expect(await problems(MonthlyQuestionsQuery, { month: '2026-13' })).toEqual(['month']);
    expect(await problems(MonthlyQuestionsQuery, { limit: '51' })).toEqual(['limit']);
    expect((await problems(VolumeQuery, { groupBy: 'kind', interval: 'hour' })).sort()).toEqual([
      'groupBy',
      'interval',
    ]);
    expect(await problems(VolumeQuery, { q: 'x' })).toEqual(['q']);
  });
});
