import { readFileSync, writeFileSync } from 'node:fs';
import { InvalidMessageError, parseHotlineTicket, Topics } from '@hub/contracts';
import { createKafka, KafkaPublisher, readDeadLetters, TopicNaming } from '@hub/messaging';
import { createDataSource, PgAuditLog } from '@hub/persistence';
import { type ClusterInput, IncrementalClusterer } from '@hub/clustering';
import { defaultModelDir, OnnxSentenceEncoder } from '@hub/embedding';
import { type LabelledExample, TextClassifier } from '@hub/triage';

/**
 * `npm run hub -- <command>`. Standard output carries only results; logs go to standard error.
 *
 *   hotline send --file F.jsonl [--raw] [--brokers host:port] [--topic-prefix P]
 *       Sends 12345 tickets (one JSON object per line) to hotline.tickets.v1, key = ticketId.
 *       Each line is checked against the contract first and a bad line is reported with its
 *       number and not sent; --raw sends every line as it is (to try the dead-letter path).
 *
 *   dlt replay --topic T [--from-offset N] [--dry-run] [--brokers host:port] [--topic-prefix P]
 *       Sends the messages on T.dlt back to T with their original key, bytes and headers (after a
 *       fix). --dry-run lists them (offset, error) without sending.
 *
 *   classifier train --input F.jsonl --out MODEL
 *       Records {id, title?, content, label}; any label set. Works offline.
 *   classifier predict --model MODEL --input F.jsonl
 *       Records {id, title?, content}; prints JSONL {id, label, confidence}.
 *
 *   cluster --input F.jsonl [--words-only]
 *       Records {id, title?, content, postedAt?}; groups recurring questions (共性问题) incrementally,
 *       in postedAt order when every record has one, else in file order; prints JSONL {id, clusterId}
 *       in file order, a cluster's id being its first message's id. Works offline with the clusterer's
 *       sentence-embedding model (fetched once by tools/run.js); --words-only compares words only.
 *
 *   audit verify [--database-url URL]
 *       Checks the audit log's hash chain from its first entry; exit 1 and the first broken entry
 *       if anything was changed, removed or reordered. Needs the database (DATABASE_URL).
 */
const USAGE = [
  'usage: npm run hub -- hotline send --file F.jsonl [--raw] [--brokers host:port] [--topic-prefix P]',
  '       npm run hub -- dlt replay --topic hotline.tickets.v1 [--from-offset N] [--dry-run]',
  '       npm run hub -- classifier train --input F.jsonl --out MODEL',
  '       npm run hub -- classifier predict --model MODEL --input F.jsonl',
  '       npm run hub -- cluster --input F.jsonl [--words-only]',
  '       npm run hub -- audit verify [--database-url URL]',
].join('\n');

class UsageError extends Error {}
/** Bad input data (a file, a line): said plainly, without the usage text. */
class InputError extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  return v;
}

function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** One message record of a JSONL file: `{id, title?, content, …}` checked, with where it stands. */
interface MessageLine {
  where: string;
  line: number;
  id: string;
  title: string | null;
  content: string;
  fields: Record<string, unknown>;
}

/**
 * Reads message records (the classifier's and the clusterer's input), stopping at the first bad
 * line with its number and the problem; `check` adds a command's own rules.
 */
function readMessageLines(file: string, check: (m: MessageLine) => void = () => undefined): MessageLine[] {
  const out: MessageLine[] = [];
  readInput(file)
    .split('\n')
    .forEach((text, i) => {
      if (text.trim() === '') return;
      const where = `${file}:${i + 1}`;
      let r: unknown;
      try {
        r = JSON.parse(text);
      } catch (e) {
        throw new InputError(`${where}: not JSON (${(e as Error).message})`);
      }
      if (typeof r !== 'object' || r === null || Array.isArray(r))
        throw new InputError(`${where}: not a JSON object`);
      const o = r as Record<string, unknown>;
      if (typeof o.id !== 'string' && typeof o.id !== 'number')
        throw new InputError(`${where}: id is missing`);
      if (typeof o.content !== 'string' || o.content.trim() === '')
        throw new InputError(`${where}: content is missing or empty`);
      if (o.title !== undefined && o.title !== null && typeof o.title !== 'string')
        throw new InputError(`${where}: title must be text`);
      const m = {
        where,
        line: i + 1,
        id: String(o.id),
        title: o.title ?? null,
        content: o.content,
        fields: o,
      };
      check(m);
      out.push(m);
    });
  if (out.length === 0) throw new InputError(`${file}: no records`);
  return out;
}

/** Classifier records; with `withLabel`, every line needs its label. */
function readRecords(file: string, withLabel: boolean): LabelledExample[] {
  return readMessageLines(file, ({ where, fields }) => {
    if (withLabel && (typeof fields.label !== 'string' || fields.label.trim() === ''))
      throw new InputError(`${where}: label is missing`);
  }).map((m) => ({
    id: m.id,
    title: m.title,
    content: m.content,
    label: withLabel ? String(m.fields.label) : '',
  }));
}

function classifierTrain(args: string[]): void {
  const input = option(args, 'input');
  const out = option(args, 'out');
  if (!input || !out) throw new UsageError('--input and --out are required');
  const examples = readRecords(input, true);
  const t0 = performance.now();
  let model: TextClassifier;
  try {
    model = TextClassifier.train(examples);
  } catch (e) {
    throw new InputError(`${input}: ${(e as Error).message}`);
  }
  writeFileSync(out, JSON.stringify(model.toJSON()));
  process.stderr.write(
    `trained on ${examples.length} records, ${model.labels.length} labels (${model.labels.join(', ')}) in ${Math.round(performance.now() - t0)} ms → ${out}\n`,
  );
}

function classifierPredict(args: string[]): void {
  const modelFile = option(args, 'model');
  const input = option(args, 'input');
  if (!modelFile || !input) throw new UsageError('--model and --input are required');
  let model: TextClassifier;
  try {
    model = TextClassifier.fromJSON(JSON.parse(readInput(modelFile)));
  } catch (e) {
    throw new InputError(`${modelFile}: ${(e as Error).message}`);
  }
  const lines = readRecords(input, false).map((r) => {
    const p = model.predict(r);
    return JSON.stringify({ id: r.id, label: p.label, confidence: Number(p.confidence.toFixed(4)) });
  });
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Cluster records: `postedAt` (optional) must be a date-time, ids unique. */
function readClusterRecords(file: string): ClusterInput[] {
  const lineOf = new Map<string, number>();
  return readMessageLines(file, ({ where, line, id, fields }) => {
    const postedAt = fields.postedAt;
    if (
      postedAt !== undefined &&
      postedAt !== null &&
      (typeof postedAt !== 'string' || Number.isNaN(Date.parse(postedAt)))
    )
      throw new InputError(`${where}: postedAt must be an ISO 8601 date-time`);
    if (lineOf.has(id))
      throw new InputError(`${where}: duplicate id ${id} (first on line ${lineOf.get(id)})`);
    lineOf.set(id, line);
  }).map((m) => ({
    id: m.id,
    title: m.title,
    content: m.content,
    postedAt: (m.fields.postedAt as string | null | undefined) ?? null,
  }));
}

async function cluster(args: string[]): Promise<void> {
  const input = option(args, 'input');
  if (!input) throw new UsageError('--input is required');
  const records = readClusterRecords(input);
  const t0 = performance.now();
  // The service's code and defaults: sentence vectors and words, or words only with --words-only.
  const encoder = args.includes('--words-only') ? null : await OnnxSentenceEncoder.load(defaultModelDir());
  const clusterer = new IncrementalClusterer();
  const order = records.map((r, i) => ({ r, i, at: Date.parse(r.postedAt ?? '') }));
  if (order.every((o) => !Number.isNaN(o.at))) order.sort((a, b) => a.at - b.at || a.i - b.i);
  for (const { r } of order) {
    const embedding = encoder ? (await encoder.encode([clusterer.index.features.embeddingText(r)]))[0] : null;
    clusterer.add({ ...r, embedding });
  }
  await encoder?.close();
  const lines = records.map((r) => JSON.stringify({ id: r.id, clusterId: clusterer.clusterOf(r.id) }));
  process.stdout.write(`${lines.join('\n')}\n`);
  const clusters = clusterer.clusters();
  const recurring = clusters.filter((c) => c.members.length > 1);
  process.stderr.write(
    `clustered ${records.length} records into ${clusters.length} clusters (${recurring.length} with 2 or more, largest ${clusters[0].members.length}) in ${Math.round(performance.now() - t0)} ms\n`,
  );
}

function kafkaFrom(args: string[]) {
  const brokers = (option(args, 'brokers') ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const naming = new TopicNaming(option(args, 'topic-prefix') ?? process.env.HUB_TOPIC_PREFIX ?? '');
  return { kafka: createKafka({ clientId: 'civic-hub-cli', brokers }), naming };
}

async function dltReplay(args: string[]): Promise<void> {
  const topic = option(args, 'topic');
  if (!topic) throw new UsageError('--topic is required (the source topic, e.g. hotline.tickets.v1)');
  const from = Number(option(args, 'from-offset') ?? '0');
  if (!Number.isInteger(from) || from < 0) throw new UsageError('--from-offset must be a whole number');
  const { kafka, naming } = kafkaFrom(args);
  const letters = await readDeadLetters(kafka, naming.topic(`${topic.replace(/\.dlt$/, '')}.dlt`), from);
  if (args.includes('--dry-run')) {
    for (const l of letters)
      process.stdout.write(`${JSON.stringify({ offset: l.offset, key: l.message.key, error: l.error })}\n`);
    process.stderr.write(`${letters.length} dead-lettered message(s); nothing sent (--dry-run)\n`);
    return;
  }
  const publisher = new KafkaPublisher(kafka, naming);
  try {
    for (let i = 0; i < letters.length; i += 500)
      await publisher.publish(
        topic.replace(/\.dlt$/, ''),
        letters.slice(i, i + 500).map((l) => l.message),
      );
  } finally {
    await publisher.disconnect();
  }
  process.stdout.write(
    `${JSON.stringify({ topic: naming.topic(topic.replace(/\.dlt$/, '')), replayed: letters.length })}\n`,
  );
}

async function hotlineSend(args: string[]): Promise<void> {
  const file = option(args, 'file');
  if (!file) throw new UsageError('--file is required');
  const text = readInput(file);
  const raw = args.includes('--raw');
  const messages: { key: string | null; value: string }[] = [];
  let rejected = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    if (raw) {
      let key: string | null = null;
      try {
        key = (JSON.parse(line) as { ticketId?: string }).ticketId ?? null;
      } catch {
        // sent as it is
      }
      messages.push({ key, value: line });
      return;
    }
    try {
      const ticket = parseHotlineTicket(Buffer.from(line, 'utf8'));
      messages.push({ key: ticket.ticketId, value: line });
    } catch (e) {
      if (!(e instanceof InvalidMessageError)) throw e;
      rejected++;
      process.stderr.write(`${file}:${i + 1}: not sent: ${e.message}\n`);
    }
  });
  const { kafka, naming } = kafkaFrom(args);
  const publisher = new KafkaPublisher(kafka, naming);
  try {
    for (let i = 0; i < messages.length; i += 500)
      await publisher.publish(Topics.hotlineTickets, messages.slice(i, i + 500));
  } finally {
    await publisher.disconnect();
  }
  process.stdout.write(
    `${JSON.stringify({ topic: naming.topic(Topics.hotlineTickets), sent: messages.length, rejected })}\n`,
  );
  if (rejected > 0) process.exitCode = 1;
}

async function auditVerify(args: string[]): Promise<void> {
  const url =
    option(args, 'database-url') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hub';
  const db = await createDataSource(url, { poolSize: 1 }).initialize();
  try {
    const check = await new PgAuditLog(db).verify();
    process.stdout.write(`${JSON.stringify(check)}\n`);
    if (!check.ok) {
      process.stderr.write(`audit log broken at entry ${check.brokenAt}: ${check.reason}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(
        `audit log intact: ${check.checked} entr${check.checked === 1 ? 'y' : 'ies'} checked\n`,
      );
    }
  } finally {
    await db.destroy();
  }
}

async function main(argv: string[]): Promise<void> {
  const [group, command, ...rest] = argv;
  if (group === 'hotline' && command === 'send') return hotlineSend(rest);
  if (group === 'dlt' && command === 'replay') return dltReplay(rest);
  if (group === 'classifier' && command === 'train') return classifierTrain(rest);
  if (group === 'classifier' && command === 'predict') return classifierPredict(rest);
  if (group === 'cluster') return cluster(argv.slice(1));
  if (group === 'audit' && command === 'verify') return auditVerify(rest);
  throw new UsageError(
    group ? `unknown command: ${[group, command].filter(Boolean).join(' ')}` : 'no command',
  );
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  if (e instanceof InputError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(`failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
