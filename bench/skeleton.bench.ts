/**
 * `npm run bench [-- --messages N --concurrency C]`: pushes N board posts through the walking
 * skeleton (HTTP → PostgreSQL + outbox → Kafka → case service → Kafka → indexer → OpenSearch) and
 * reports messages per second end to end and the latency from post to searchable, beside baselines
 * measured in the same run on the same machine: raw kafkajs produce + consume of the same payloads,
 * and a bulk insert of them into PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import { createKafka } from '@hub/messaging';

interface Args {
  messages: number;
  concurrency: number;
  /** Offered load of the latency phase (posts per second), below the machine's capacity. */
  rate: number;
  paced: number;
  hubUrl: string;
  databaseUrl: string;
  searchUrl: string;
  indexName: string;
  brokers: string[];
  topicPrefix: string;
}

function parseArgs(): Args {
  const argv = process.argv.slice(2);
  const flag = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const messages = Number(flag('messages', process.env.BENCH_MESSAGES ?? '20000'));
  const concurrency = Number(flag('concurrency', process.env.BENCH_CONCURRENCY ?? '32'));
  if (!Number.isInteger(messages) || messages < 1)
    throw new Error(`--messages must be a positive integer, not ${messages}`);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`--concurrency must be a positive integer`);
  const rate = Number(flag('rate', process.env.BENCH_RATE ?? '20'));
  const paced = Number(flag('paced', process.env.BENCH_PACED ?? '300'));
  if (!(rate > 0) || !Number.isInteger(paced) || paced < 1)
    throw new Error('--rate must be > 0 and --paced a positive integer');
  return {
    messages,
    concurrency,
    rate,
    paced,
    hubUrl: process.env.BENCH_HUB_URL ?? 'http://127.0.0.1:18090',
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hub_test_bench',
    searchUrl: process.env.SEARCH_URL ?? 'http://127.0.0.1:9200',
    indexName: `${process.env.SEARCH_INDEX_PREFIX ?? ''}case-v1`,
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    topicPrefix: process.env.HUB_TOPIC_PREFIX ?? 'bench.',
  };
}

const SUBJECTS = [
  '小区底层餐馆油烟扰民',
  '工地夜间施工噪声',
  '共享单车乱停放',
  '老旧小区加装电梯',
  '孩子入学材料',
  '创业补贴申请',
  '养老服务补贴',
  '道路积水',
  '垃圾清运不及时',
  '停车收费标准',
];
const STREETS = [
  '彭浦新村街道',
  '大宁路街道',
  '南京西路街道',
  '静安寺街道',
  '曹家渡街道',
  '天目西路街道',
  '共和新路街道',
];

function payloads(n: number, run: string) {
  return Array.from({ length: n }, (_, i) => {
    const subject = SUBJECTS[i % SUBJECTS.length];
    const street = STREETS[i % STREETS.length];
    return {
      postId: `${run}-${i}`,
      title: `${subject}（${street}）`,
      content: `我住在静安区${street}，反映${subject}的问题，已经持续一段时间，希望有关部门尽快处理并答复。联系电话139${String(10000000 + i).slice(-8)}。编号${i}`,
    };
  });
}

/** CPU time (user + system) of the processes named in BENCH_PIDS, and of all PostgreSQL backends, in ms. */
function cpuTimes(): Map<string, number> {
  const ticksToMs = 1000 / 100; // USER_HZ is 100 on Linux
  const read = (pid: string): number => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * ticksToMs; // utime, stime
    } catch {
      return 0;
    }
  };
  const out = new Map<string, number>();
  for (const entry of (process.env.BENCH_PIDS ?? '').split(',').filter(Boolean)) {
    const [name, pid] = entry.split(':');
    out.set(name, read(pid));
  }
  let pg = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') pg += read(pid);
    } catch {
      // gone
    }
  }
  out.set('postgresql', pg);
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function baselineKafka(args: Args, values: string[]): Promise<number> {
  const kafka = createKafka({ clientId: 'bench-baseline', brokers: args.brokers });
  const topic = `${args.topicPrefix}baseline.raw`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true });
  const consumer = kafka.consumer({ groupId: `${args.topicPrefix}baseline-${randomUUID()}` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  let received = 0;
  let done!: () => void;
  const all = new Promise<void>((r) => (done = r));
  await consumer.run({
    eachMessage: () => {
      if (++received === values.length) done();
      return Promise.resolve();
    },
  });
  const t0 = performance.now();
  for (let i = 0; i < values.length; i += 500) {
    await producer.send({
      topic,
      acks: -1,
      messages: values.slice(i, i + 500).map((value, j) => ({ key: String(i + j), value })),
    });
  }
  await all;
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return values.length / seconds;
}

async function baselinePostgres(args: Args, values: string[]): Promise<number> {
  const db = new Client({ connectionString: args.databaseUrl });
  await db.connect();
  try {
    await db.query(`CREATE TEMP TABLE bench_raw (id bigserial PRIMARY KEY, payload text NOT NULL)`);
    const t0 = performance.now();
    for (let i = 0; i < values.length; i += 1000) {
      const chunk = values.slice(i, i + 1000);
      await db.query(`INSERT INTO bench_raw (payload) SELECT unnest($1::text[])`, [chunk]);
    }
    return values.length / ((performance.now() - t0) / 1000);
  } finally {
    await db.end();
  }
}

/**
 * Posts everything and watches the index until all of it is searchable. Without `rate`, as fast as
 * `concurrency` clients can (throughput); with it, at that many posts per second (latency).
 */
async function hubEndToEnd(args: Args, posts: ReturnType<typeof payloads>, rate?: number) {
  const postedAt = new Map<string, number>();
  let next = 0;
  let failures = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < posts.length) {
      const i = next++;
      const post = posts[i];
      if (rate) {
        const due = t0 + (i * 1000) / rate;
        if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
      }
      const sent = performance.now();
      const res = await fetch(`${args.hubUrl}/api/v1/board/posts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(post),
      });
      await res.arrayBuffer();
      if (res.status === 202) postedAt.set(post.postId, sent);
      else failures++;
    }
  };
  // Watch the index while posting. Latency is measured on a sample (at most ~500 posts, spread over
  // the run) so that watching does not load the machine being measured; completion is a cheap count.
  const every = Math.max(1, Math.floor(posts.length / 500));
  const visibleAt = new Map<string, number>();
  const sampled = new Set(posts.filter((_, i) => i % every === 0).map((p) => p.postId));
  const runPrefix = posts[0].postId.replace(/-\d+$/, '-');
  let posting = true;
  let searchable = 0;
  const query = async (body: object, path = '_search') => {
    const res = await fetch(`${args.searchUrl}/${args.indexName}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return res.json() as Promise<{ count?: number; hits?: { hits: { _source: { externalRef: string } }[] } }>;
  };
  const watcher = (async () => {
    while (posting || searchable < postedAt.size) {
      const pending = [...sampled].filter((k) => postedAt.has(k) && !visibleAt.has(k));
      if (pending.length > 0) {
        const body = await query({
          size: pending.length,
          _source: ['externalRef'],
          query: { terms: { externalRef: pending } },
        });
        const now = performance.now();
        for (const h of body.hits?.hits ?? [])
          if (!visibleAt.has(h._source.externalRef)) visibleAt.set(h._source.externalRef, now);
      }
      searchable = (await query({ query: { prefix: { externalRef: runPrefix } } }, '_count')).count ?? 0;
      if (performance.now() - t0 > 15 * 60 * 1000)
        throw new Error(`only ${searchable} of ${postedAt.size} searchable after 15 min`);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await Promise.all(Array.from({ length: args.concurrency }, worker));
  const postSeconds = (performance.now() - t0) / 1000;
  posting = false;
  await watcher;
  const totalSeconds = (performance.now() - t0) / 1000;
  const latencies = [...visibleAt].map(([k, at]) => at - postedAt.get(k)!).sort((a, b) => a - b);
  return {
    failures,
    samples: latencies.length,
    postRate: postedAt.size / postSeconds,
    endToEndRate: searchable / totalSeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
  };
}

async function main(): Promise<void> {
  const args = parseArgs();
  const run = `bench-${Date.now().toString(36)}`;
  const posts = payloads(args.messages, run);
  const values = posts.map((p) => JSON.stringify(p));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  log(`bench: ${args.messages} messages, ${args.concurrency} concurrent HTTP clients`);
  const kafkaRate = await baselineKafka(args, values);
  log(`baseline kafkajs produce+consume: ${kafkaRate.toFixed(0)} msg/s`);
  const pgRate = await baselinePostgres(args, values);
  log(`baseline PostgreSQL bulk insert: ${pgRate.toFixed(0)} rows/s`);
  const cpuBefore = cpuTimes();
  const hub = await hubEndToEnd(args, posts);
  const cpuAfter = cpuTimes();
  log(`flood: ${hub.endToEndRate.toFixed(0)} msg/s end to end; now ${args.paced} posts at ${args.rate}/s`);
  const paced = await hubEndToEnd(args, payloads(args.paced, `${run}p`), args.rate);
  const rss = process.memoryUsage().rss / 1024 / 1024;
  const lines = [
    '',
    `| measure (${args.messages} messages as fast as ${args.concurrency} clients can, then ${args.paced} paced) | value | ratio |`,
    '| --- | --- | --- |',
    `| baseline: raw kafkajs produce + consume | ${kafkaRate.toFixed(0)} msg/s | 1.00 |`,
    `| baseline: PostgreSQL bulk insert | ${pgRate.toFixed(0)} rows/s | 1.00 |`,
    `| hub: HTTP posts accepted | ${hub.postRate.toFixed(0)} msg/s | ${(hub.postRate / pgRate).toFixed(3)} of PG bulk insert |`,
    `| hub: end to end (post → searchable) | ${hub.endToEndRate.toFixed(0)} msg/s | ${(hub.endToEndRate / kafkaRate).toFixed(3)} of raw Kafka, ${(hub.endToEndRate / pgRate).toFixed(3)} of PG bulk insert |`,
    `| hub: latency post → searchable at saturation, p50 / p99 / max (${hub.samples} sampled) | ${hub.p50.toFixed(0)} / ${hub.p99.toFixed(0)} / ${hub.max.toFixed(0)} ms | queueing |`,
    `| hub: latency post → searchable at ${args.rate} posts/s, p50 / p99 / max (${paced.samples} posts) | ${paced.p50.toFixed(0)} / ${paced.p99.toFixed(0)} / ${paced.max.toFixed(0)} ms | |`,
    `| rejected posts | ${hub.failures + paced.failures} | |`,
    `| bench client RSS | ${rss.toFixed(0)} MiB | |`,
    ...[...cpuAfter].map(
      ([name, ms]) =>
        `| CPU per message at saturation: ${name} | ${((ms - (cpuBefore.get(name) ?? 0)) / args.messages).toFixed(2)} ms | |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
