import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Topics } from '@hub/contracts';
import { expectEventually } from '@hub/testing';
import { e2eKafka, HUB_ENV, ROOT, SEARCH, stopped } from './e2e-kit';
import { readTopic } from '@hub/testing';

/**
 * The outbox relay killed (SIGKILL) in the middle of publishing: nothing is lost — every event in
 * the outbox reaches `hub.case-events.v1`, in order per case — and the batch that was on its way
 * when the process died, published again after the restart, has no second effect on a consumer
 * (the indexer ends with each case at its last version).
 */
const CASES = 30;
const VERSIONS = 1000;
const env = {
  ...HUB_ENV,
  DATABASE_URL: `${HUB_ENV.DATABASE_URL}_relay`,
  HUB_TOPIC_PREFIX: `${HUB_ENV.HUB_TOPIC_PREFIX}relay.`,
  SEARCH_INDEX_PREFIX: `${HUB_ENV.SEARCH_INDEX_PREFIX}relay-`,
};
const procs: ChildProcess[] = [];

function start(service: string): ChildProcess {
  const out = openSync(join(ROOT, '.cache', 'logs', `e2e-relay-${service}-${procs.length}.log`), 'w');
  const p = spawn('node', ['tools/run.js', service], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  procs.push(p);
  return p;
}

async function query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    return (await db.query<T>(sql, params)).rows;
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  const admin = new Client({ connectionString: HUB_ENV.DATABASE_URL });
  await admin.connect();
  const name = new URL(env.DATABASE_URL).pathname.slice(1);
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  execFileSync('node', ['tools/run.js', 'migrate'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
});

afterAll(async () => {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGTERM');
  await Promise.all(procs.map(stopped));
});

it('loses nothing and has no duplicate effect when the relay is killed mid-batch', async () => {
  // 30 cases × 1,000 steps, written in interleaved order as concurrent workflow steps would be.
  await query(
    `INSERT INTO outbox (topic, key, payload)
     SELECT $1, c.id::text, json_build_object(
       'eventId', gen_random_uuid(), 'type', CASE WHEN v = 1 THEN 'case.created' ELSE 'case.reminded' END,
       'version', v, 'occurredAt', now(), 'caseId', c.id, 'channel', 'board', 'externalRef', 'relay-' || c.n,
       'departmentCode', 'housing', 'status', CASE WHEN v = $3 THEN 'accepted' ELSE 'assigned' END, 'dueAt', NULL,
       'data', CASE WHEN v = 1 THEN json_build_object('title', '油烟扰民 ' || c.n, 'content', '楼下餐馆油烟扰民', 'kind', 'complaint',
         'urgency', 'normal', 'receivedAt', now(), 'trackingCode', NULL, 'policyDocNo', NULL, 'street', NULL) ELSE '{}'::json END)::text
     FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $2) n) c CROSS JOIN generate_series(1, $3) v
     ORDER BY v, c.n`,
    [Topics.caseEvents, CASES, VERSIONS],
  );
  const total = CASES * VERSIONS;
  start('indexer');
  const relay = start('case-service');
  const killedAt = await expectEventually(
    async () => {
      const [{ n }] = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NOT NULL`,
      );
      if (n === 0) return undefined;
      relay.kill('SIGKILL');
      return n;
    },
    { timeoutMs: 60000, intervalMs: 10, what: 'the relay publishing' },
  );
  await stopped(relay);
  const [{ marked }] = await query<{ marked: number }>(
    `SELECT count(*)::int AS marked FROM outbox WHERE published_at IS NOT NULL`,
  );
  expect(killedAt).toBeLessThan(total); // it died mid-way
  expect(marked).toBeLessThan(total);

  start('case-service');
  await expectEventually(
    async () =>
      (await query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`))[0]
        .n === 0 || undefined,
    { timeoutMs: 90000, what: 'the restarted relay draining the outbox' },
  );

  // Nothing lost, order kept per case (a replayed stretch repeats versions it already carried).
  const messages = await readTopic(e2eKafka(), `${env.HUB_TOPIC_PREFIX}${Topics.caseEvents}`, 60000);
  const events = messages.map(
    (m) => JSON.parse(m.value!.toString()) as { eventId: string; caseId: string; version: number },
  );
  const expected = await query<{ id: string }>(`SELECT payload::json->>'eventId' AS id FROM outbox`);
  const onTopic = new Set(events.map((e) => e.eventId));
  expect(expected.filter((e) => !onTopic.has(e.id))).toEqual([]);
  const highest = new Map<string, number>();
  const outOfOrder: string[] = [];
  events.forEach((e, i) => {
    const seen = highest.get(e.caseId) ?? 0;
    if (e.version > seen) {
      if (e.version !== seen + 1)
        outOfOrder.push(`${e.caseId} v${e.version} after v${seen} (offset ${messages[i].offset})`);
      highest.set(e.caseId, e.version);
    }
  });
  expect(outOfOrder.slice(0, 5)).toEqual([]); // new versions arrive in order per case, none skipped
  const duplicates = events.length - onTopic.size;
  process.stderr.write(
    `relay killed after ${marked} of ${total} marked; ${duplicates} event(s) published twice\n`,
  );

  // The consumer (indexer) ends with every case at its last version: the replays changed nothing.
  await expectEventually(
    async () => {
      const res = (await (
        await fetch(`${SEARCH}/${env.SEARCH_INDEX_PREFIX}*/_search?size=100&q=externalRef:relay*`)
      ).json()) as { hits?: { hits: { _source: { version: number; status: string } }[] } };
      const docs = res.hits?.hits ?? [];
      return docs.length === CASES &&
        docs.every((d) => d._source.version === VERSIONS && d._source.status === 'accepted')
        ? docs
        : undefined;
    },
    { timeoutMs: 90000, what: 'the indexer at the last version of every case' },
  );
});
