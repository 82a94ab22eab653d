import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DeadLetterHeaders, Topics } from '@hub/contracts';
import { createKafka, KafkaPublisher, TopicNaming } from '@hub/messaging';
import { expectEventually, readAll } from '@hub/testing';
import { authAs } from './e2e-kit';

const HUB = process.env.E2E_HUB_URL!;
const SEARCH = process.env.SEARCH_URL ?? 'http://127.0.0.1:9200';
const naming = new TopicNaming(process.env.E2E_TOPIC_PREFIX);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers are checked by the assertions
type Json = any;

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${HUB}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function callAs(username: string, method: string, path: string, body?: unknown) {
  return call(method, path, body, await authAs(username));
}

/** Messages are written synchronously by intake: count them straight from the e2e database. */
async function messageCount(): Promise<number> {
  const db = new Client({
    connectionString: process.env.HUB_E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hub_test_e2e',
  });
  await db.connect();
  try {
    return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM message')).rows[0].n;
  } finally {
    await db.end();
  }
}

const marker = () => `m${randomUUID().slice(0, 8)}`;

describe('walking skeleton: board post → Kafka → PostgreSQL → OpenSearch → API', () => {
  it('reports each dependency in /health', async () => {
    const { status, json } = await call('GET', '/health');
    expect(status).toBe(200);
    expect(json.status).toBe('up');
    expect(Object.keys(json.checks).sort()).toEqual(['kafka', 'postgres', 'search']);
    for (const check of Object.values<{ up: boolean }>(json.checks)) expect(check.up).toBe(true);
  });

  it('makes a posted message a case and finds it by a Chinese word, with personal data masked everywhere', async () => {
    const m = marker();
    const phone = `139${String(Date.now()).slice(-8)}`;
    const posted = await call('POST', '/api/v1/board/posts', {
      postId: `post-${m}`,
      title: `小区底层餐馆油烟扰民 ${m}`,
      content: `静安区某小区底层餐馆油烟扰民，请有关部门处理。联系电话${phone}，身份证310101198001011234。${m}`,
      author: { name: '王女士', phone, email: 'wang@example.com' },
    });
    expect(posted.status).toBe(202);
    expect(posted.json).toEqual({
      messageId: expect.any(String),
      caseId: expect.any(String),
      trackingCode: expect.stringMatching(/^[0-9A-Z]{12}$/),
      duplicate: false,
    });

    const found = await expectEventually(
      async () => {
        const r = await callAs('admin', 'GET', `/api/v1/search?q=${encodeURIComponent(`油烟 ${m}`)}`);
        return r.json.items.length > 0 ? r.json : undefined;
      },
      { what: 'post searchable' },
    );
    expect(found.total).toBe(1);
    expect(found.items[0].id).toBe(posted.json.caseId);
    expect(found.items[0].content).toContain(`139****${phone.slice(-4)}`);

    const c = await callAs('admin', 'GET', `/api/v1/cases/${posted.json.caseId}`);
    expect(c.status).toBe(200);
    expect(c.json).toMatchObject({
      id: posted.json.caseId,
      channel: 'board',
      externalRef: `post-${m}`,
    });
    expect(c.json.timeline[0].type).toBe('case.created'); // triage may have routed it since (油烟 → ecology)
    expect(JSON.stringify(c.json)).not.toContain(phone);
    expect(JSON.stringify(c.json)).not.toContain('310101198001011234');

    const list = await callAs('admin', 'GET', `/api/v1/cases?externalRef=post-${m}`);
    expect(list.json.total).toBe(1);
    expect(list.json.items[0].id).toBe(posted.json.caseId);

    const tracking = await call('GET', `/api/v1/board/posts/${posted.json.trackingCode}`);
    expect(tracking.status).toBe(200);
    expect(tracking.json).toMatchObject({ answer: null, title: expect.stringContaining('油烟') });
    expect(['received', 'assigned', 'pending-dispatch']).toContain(tracking.json.status);

    // The raw phone number is nowhere in the search engine, in any index.
    const raw = (await (await fetch(`${SEARCH}/_search?q=${phone}`)).json()) as {
      hits: { total: { value: number } };
    };
    expect(raw.hits.total.value).toBe(0);
  });

  it('answers a re-sent postId with the same ids and creates nothing new', async () => {
    const body = { postId: `dup-${marker()}`, title: '咨询', content: '关于托育补贴的申请条件' };
    const first = await call('POST', '/api/v1/board/posts', body);
    const second = await call('POST', '/api/v1/board/posts', body);
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.json).toEqual({ ...first.json, duplicate: true });
    await expectEventually(
      async () => (await callAs('admin', 'GET', `/api/v1/cases?externalRef=${body.postId}`)).json.total === 1,
      {
        what: 'one case',
      },
    );
  });

  it('rejects invalid posts with 400 naming each field, and stores nothing', async () => {
    const before = await messageCount();
    const bad = await call('POST', '/api/v1/board/posts', {
      title: 123,
      extra: true,
      author: { email: 'not-mail' },
    });
    expect(bad.status).toBe(400);
    const fields = bad.json.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['author.email', 'content', 'extra', 'title']);
    const notJson = await call('POST', '/api/v1/board/posts', '{"title": ');
    expect(notJson.status).toBe(400);
    const tooLong = await call('POST', '/api/v1/board/posts', { title: 't', content: 'x'.repeat(20001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.message).toContain('content');
    expect(await messageCount()).toBe(before);
  });

  it('answers 404 for an unknown case or tracking code and 400 for a malformed id or filter', async () => {
    expect((await callAs('admin', 'GET', `/api/v1/cases/${randomUUID()}`)).status).toBe(404);
    expect((await callAs('admin', 'GET', '/api/v1/cases/not-a-uuid')).status).toBe(400);
    expect((await callAs('admin', 'GET', '/api/v1/cases?status=lost')).status).toBe(400);
    expect((await call('GET', '/api/v1/board/posts/NOSUCHCODE00')).status).toBe(404);
    expect((await callAs('admin', 'GET', '/api/v1/search')).status).toBe(400);
  });

  it('dead-letters a malformed internal event with its reason and keeps its partition flowing', async () => {
    const kafka = createKafka({
      clientId: 'e2e-dlt',
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    });
    const publisher = new KafkaPublisher(kafka, naming);
    try {
      const m = marker();
      await publisher.publish(Topics.messagesReceived, [{ key: 'k', value: `{"broken": "${m}"` }]);
      const posted = await call('POST', '/api/v1/board/posts', {
        postId: `after-${m}`,
        title: '后续留言',
        content: `坏消息之后的正常留言 ${m}`,
      });
      await expectEventually(
        async () => (await callAs('admin', 'GET', `/api/v1/cases/${posted.json.caseId}`)).status === 200,
        {
          what: 'the next message processed',
        },
      );
      const dlt = await readAll(kafka, naming.topic(`${Topics.messagesReceived}.dlt`), 1);
      const record = dlt.find((r) => r.value?.toString().includes(m));
      expect(record?.value?.toString()).toBe(`{"broken": "${m}"`);
      expect(record?.headers?.[DeadLetterHeaders.error]?.toString()).toMatch(/^\(message\): is not JSON/);
      expect(record?.headers?.[DeadLetterHeaders.sourceTopic]?.toString()).toBe(
        naming.topic(Topics.messagesReceived),
      );
    } finally {
      await publisher.disconnect();
    }
  });

  it('serves the OpenAPI description', async () => {
    const doc = await call('GET', '/api/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/board/posts',
        '/api/v1/cases',
        '/api/v1/cases/{id}',
        '/api/v1/search',
        '/health',
      ]),
    );
  });
});
