import { readFileSync } from 'node:fs';
import { InvalidMessageError, parseHotlineTicket, Topics } from '@hub/contracts';
import { createKafka, KafkaPublisher, TopicNaming } from '@hub/messaging';

/**
 * `npm run hub -- <command>`. Standard output carries only results; logs go to standard error.
 *
 *   hotline send --file F.jsonl [--raw] [--brokers host:port] [--topic-prefix P]
 *       Sends 12345 tickets (one JSON object per line) to hotline.tickets.v1, key = ticketId.
 *       Each line is checked against the contract first and a bad line is reported with its
 *       number and not sent; --raw sends every line as it is (to try the dead-letter path).
 */
const USAGE = `usage: npm run hub -- hotline send --file F.jsonl [--raw] [--brokers host:port] [--topic-prefix P]`;

class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  return v;
}

async function hotlineSend(args: string[]): Promise<void> {
  const file = option(args, 'file');
  if (!file) throw new UsageError('--file is required');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
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
  const brokers = (option(args, 'brokers') ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const naming = new TopicNaming(option(args, 'topic-prefix') ?? process.env.HUB_TOPIC_PREFIX ?? '');
  const publisher = new KafkaPublisher(createKafka({ clientId: 'civic-hub-cli', brokers }), naming);
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

async function main(argv: string[]): Promise<void> {
  const [group, command, ...rest] = argv;
  if (group === 'hotline' && command === 'send') return hotlineSend(rest);
  throw new UsageError(
    group ? `unknown command: ${[group, command].filter(Boolean).join(' ')}` : 'no command',
  );
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(`failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
