import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { expectEventually } from '@hub/testing';
import { authAs, call, callAs, HUB, type Json } from './e2e-kit';

const run = `a${randomUUID().slice(0, 8)}`;
const ROUTES = [
  '/api/v1/analytics/hot-topics',
  '/api/v1/analytics/monthly-questions',
  '/api/v1/analytics/volume',
  '/api/v1/analytics/export.xlsx',
];

async function ok(user: string, path: string): Promise<Json> {
  const r = await callAs(user, 'GET', path);
  if (r.status !== 200) throw new Error(`${path} as ${user}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}

/** The analyst routes answer through the public API (the lead's spec drives them with real clusters). */
describe('analytics through the public API', () => {
  it('needs a token, refuses the integration account and another unit', async () => {
    for (const path of ROUTES) {
      expect((await call('GET', path)).status).toBe(401);
      expect((await callAs('integration', 'GET', path)).status).toBe(403);
      expect((await callAs('housing.staff', 'GET', `${path}?department=gov-office`)).status).toBe(403);
    }
  });

  it('refuses bad parameters with 400 naming the field', async () => {
    const fields = async (path: string) =>
      (await callAs('analyst', 'GET', path)).json.errors?.map((e: Json) => e.field);
    expect(await fields('/api/v1/analytics/hot-topics?window=year')).toEqual(['window']);
    expect(await fields('/api/v1/analytics/hot-topics?at=yesterday')).toEqual(['at']);
    expect(await fields('/api/v1/analytics/hot-topics?limit=0')).toEqual(['limit']);
    expect(await fields('/api/v1/analytics/monthly-questions?month=2026-13')).toEqual(['month']);
    expect(await fields('/api/v1/analytics/volume?groupBy=kind')).toEqual(['groupBy']);
    expect(await fields('/api/v1/analytics/volume?interval=day&from=2020-01-01&to=2026-01-01')).toEqual([
      'interval',
    ]);
    expect(await fields('/api/v1/analytics/volume?from=2026-03-02&to=2026-03-01')).toEqual(['to']);
    expect(await fields('/api/v1/analytics/export.xlsx?month=26-11')).toEqual(['month']);
  });

  it('answers every route with a valid shape, definitions included', async () => {
    const hot = await ok('analyst', '/api/v1/analytics/hot-topics?window=month&at=2026-11-20');
    expect(hot).toMatchObject({ window: 'month', at: '2026-11-21T00:00:00+08:00', department: null });
    expect(hot.windows).toHaveLength(5);
    expect(hot.windows[4]).toEqual({ from: '2026-10-22T00:00:00+08:00', to: '2026-11-21T00:00:00+08:00' });
    expect(hot.definitions.score.definition).toContain('(当前件数 + 5) ÷ (基线 + 5)');
    expect(Array.isArray(hot.items) && Array.isArray(hot.terms)).toBe(true);

    const monthly = await ok('supervisor', '/api/v1/analytics/monthly-questions?month=2026-11&limit=5');
    expect(monthly).toMatchObject({
      month: '2026-11',
      from: '2026-11-01T00:00:00+08:00',
      to: '2026-12-01T00:00:00+08:00',
    });
    expect(monthly.weeks).toHaveLength(8);
    expect(monthly.definitions.answerEffect.name).toBe('回应前后');
    expect(Array.isArray(monthly.items)).toBe(true);

    const own = await ok('housing.lead', '/api/v1/analytics/hot-topics');
    expect(own.department).toBe('housing');
  });

  it('counts a new board post in the volume per channel, and shows staff their own unit only', async () => {
    const posted = await call('POST', '/api/v1/board/posts', {
      postId: `${run}-volume`,
      title: `停车收费 ${run}`,
      content: '小区停车收费标准是多少？',
    });
    expect(posted.status).toBe(202);
    const before = await ok('analyst', '/api/v1/analytics/volume?groupBy=channel&interval=day');
    expect(before.definitions.scope.name).toBe('统计范围');
    const board = await expectEventually(
      async () => {
        const v = await ok('analyst', '/api/v1/analytics/volume?groupBy=channel&interval=day');
        return v.groups.find((g: Json) => g.key === 'board');
      },
      { what: 'the board post in the volume' },
    );
    expect(board.label).toBe('网站留言板');
    expect(board.total).toBeGreaterThanOrEqual(1);
    expect(board.counts.at(-1)).toBeGreaterThanOrEqual(1); // today's bucket

    const staff = await ok('housing.staff', '/api/v1/analytics/volume?groupBy=department&interval=month');
    expect(staff.department).toBe('housing');
    expect(staff.groups.every((g: Json) => g.key === 'housing')).toBe(true);
    const streets = await ok('analyst', '/api/v1/analytics/volume?groupBy=street&interval=week');
    expect(streets.groups.every((g: Json) => typeof g.label === 'string' && g.label.length > 0)).toBe(true);
  });

  it('exports the month as a workbook with Chinese headers', async () => {
    const res = await fetch(`${HUB}/api/v1/analytics/export.xlsx?month=2026-11`, {
      headers: await authAs('analyst'),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="civic-hub-analytics-2026-11.xlsx"',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['每月一题', '热点问题', '上升热词', '口径说明']);
    expect((wb.getWorksheet('每月一题')!.getRow(1).values as unknown[]).slice(1, 5)).toEqual([
      '排名',
      '问题',
      '关键词',
      '本月件数',
    ]);
  });
});
