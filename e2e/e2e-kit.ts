import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { type KafkaMessage } from 'kafkajs';
import { Client } from 'pg';
import { createKafka } from '@hub/messaging';
import { readTopic } from '@hub/testing';

export const HUB = process.env.E2E_HUB_URL!;
export const SEARCH = process.env.SEARCH_URL ?? 'http://127.0.0.1:9200';
export const HUB_ENV = JSON.parse(process.env.E2E_HUB_ENV ?? '{}') as Record<string, string>;
export const TOPIC_PREFIX = process.env.E2E_TOPIC_PREFIX ?? '';

/**
 * How long a spec waits for the clusterer to place a new case. It is one consumer shared by every
 * spec and encodes each message (a few ms, more on a loaded machine): after a spec that sends
 * thousands of messages (hotline-restart: 4,000) it can be most of a minute behind.
 */
export const CLUSTERED_WITHIN_MS = 90_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers are checked by the assertions
export type Json = any;

export async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Json; headers: Headers }> {
  const isForm = body instanceof FormData || body instanceof URLSearchParams;
  const res = await fetch(`${HUB}${path}`, {
    method,
    headers: body === undefined || isForm ? headers : { 'content-type': 'application/json', ...headers },
    body:
      body === undefined ? undefined : isForm ? body : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

const tokens = new Map<string, string>();

/** The Authorization header of a demo account (password `hub-demo`), logged in once per spec file. */
export async function authAs(username: string): Promise<Record<string, string>> {
  let token = tokens.get(username);
  if (!token) {
    const res = await call('POST', '/api/v1/auth/login', { username, password: 'hub-demo' });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.json)}`);
    token = res.json.accessToken as string;
    tokens.set(username, token);
  }
  return { authorization: `Bearer ${token}` };
}

/** `call` as a demo account. */
export async function callAs(username: string, method: string, path: string, body?: unknown) {
  return call(method, path, body, await authAs(username));
}

/** Runs a query against the e2e hub's own database. */
export async function sql<T extends object>(query: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: HUB_ENV.DATABASE_URL });
  await db.connect();
  try {
    return (await db.query<T>(query, params)).rows;
  } finally {
    await db.end();
  }
}

export function e2eKafka() {
  return createKafka({
    clientId: 'e2e',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  });
}

/** Every message one of the e2e hub's topics holds now. */
export async function topicMessages(topic: string): Promise<KafkaMessage[]> {
  return readTopic(e2eKafka(), `${TOPIC_PREFIX}${topic}`);
}

/** Hits for a raw string anywhere in the search engine (every index). */
export async function searchEngineHits(raw: string): Promise<number> {
  const res = (await (await fetch(`${SEARCH}/_search?q=${encodeURIComponent(`"${raw}"`)}`)).json()) as {
    hits: { total: { value: number } };
  };
  return res.hits.total.value;
}

export const ROOT = join(__dirname, '..');

/** Starts one hub service of the e2e hub (the intake service is started by the specs that need it). */
export function startService(service: string, log: string): ChildProcess {
  const out = openSync(join(ROOT, '.cache', 'logs', log), 'w');
  return spawn('node', ['tools/run.js', service], {
    cwd: ROOT,
    env: { ...process.env, ...HUB_ENV },
    stdio: ['ignore', out, out],
  });
}

export function stopped(p: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    p.exitCode !== null || p.signalCode !== null ? resolve() : p.once('exit', () => resolve()),
  );
}
