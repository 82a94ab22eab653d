import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { expectEventually } from '@hub/testing';
import { callAs, HUB_ENV, ROOT, sql, startService, stopped } from './e2e-kit';

const N = 4000;

const startIntake = (log: string) => startService('intake', log);

async function hotlineCount(run: string): Promise<number> {
  const [{ n }] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM message WHERE channel = 'hotline' AND external_ref LIKE $1`,
    [`${run}-%`],
  );
  return n;
}

describe('12345 hotline through the real Kafka', () => {
  it('loses nothing and duplicates nothing when the intake service is killed mid-stream and restarted', async () => {
    const run = `k${randomUUID().slice(0, 8)}`;
    const dir = mkdtempSync(join(tmpdir(), 'hotline-'));
    const tickets = Array.from({ length: N }, (_, i) => ({
      ticketId: `${run}-${i}`,
      receivedAt: '2026-11-28T09:15:00+08:00',
      kind: i % 2 ? 'complaint' : 'consultation',
      content: `市民来电反映静安区共和新路工地夜间施工噪声扰民，序号${i}`,
      caller: { name: '赵女士', phone: '13911112222' },
    }));
    const lines = [...tickets, ...tickets.slice(0, 100)].map((t) => JSON.stringify(t)); // 100 redeliveries
    writeFileSync(join(dir, 'tickets.jsonl'), lines.join('\n'));

    const first = startIntake('e2e-intake-1.log');
    const sent = execFileSync(
      'node',
      ['tools/run.js', 'cli', 'hotline', 'send', '--file', join(dir, 'tickets.jsonl')],
      {
        cwd: ROOT,
        env: { ...process.env, ...HUB_ENV },
      },
    );
    expect(JSON.parse(sent.toString())).toMatchObject({ sent: N + 100, rejected: 0 });

    const atKill = await expectEventually(
      async () => {
        const n = await hotlineCount(run);
        return n >= 200 ? n : undefined;
      },
      { intervalMs: 20, timeoutMs: 60000, what: 'intake under way' },
    );
    first.kill('SIGKILL');
    await stopped(first);
    const afterKill = await hotlineCount(run);
    expect(afterKill).toBeLessThan(N); // the kill really landed mid-stream

    const second = startIntake('e2e-intake-2.log');
    try {
      await expectEventually(async () => (await hotlineCount(run)) === N, {
        timeoutMs: 90000,
        intervalMs: 250,
        what: `all ${N} tickets stored`,
      });
      const dupes = await sql(
        `SELECT external_ref FROM message WHERE external_ref LIKE $1 GROUP BY external_ref HAVING count(*) > 1`,
        [`${run}-%`],
      );
      expect(dupes).toEqual([]);
      // Every ticket is a case, exactly once.
      await expectEventually(
        async () =>
          (
            await sql<{ n: number }>(
              `SELECT count(*)::int AS n FROM case_record WHERE external_ref LIKE $1`,
              [`${run}-%`],
            )
          )[0].n === N,
        { timeoutMs: 60000, intervalMs: 250, what: 'a case per ticket' },
      );
      const sample = await callAs('admin', 'GET', `/api/v1/cases?externalRef=${run}-7`);
      expect(sample.json.items).toHaveLength(1);
      expect(sample.json.items[0]).toMatchObject({
        channel: 'hotline',
        kind: 'complaint',
      });
      process.stderr.write(
        `hotline restart: killed at ${atKill}–${afterKill} of ${N}; all ${N} stored once after restart\n`,
      );
    } finally {
      second.kill('SIGTERM');
      await stopped(second);
    }
  }, 240000);
});
