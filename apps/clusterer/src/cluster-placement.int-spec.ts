import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { defaultModelDir, OnnxSentenceEncoder, type SentenceEncoder } from '@hub/embedding';
import { createDataSource, migrate, PgClusterStore } from '@hub/persistence';
import { dropTestDatabase, testEnv } from '@hub/testing';
import { ClusterPlacement } from './cluster-placement';

// Paraphrases of one request that share almost no words (树木遮挡采光 / 修枝), and another question.
const TREE = [
  '市民来电反映：所住小区楼前树木过高过密，遮挡低层住户采光，要求绿化部门修剪。',
  '树枝都伸到窗户里了，遮光严重，麻烦安排修枝。',
  '小区里的树长得太茂盛了，把我家窗户的光全挡住了，请安排修剪树枝。',
];
const OTHER = '社保卡丢了，请问怎么补办？要多久能拿到？';

/** The real encoder, counting how many texts it was asked to encode. */
class CountingEncoder implements SentenceEncoder {
  encoded = 0;
  constructor(private readonly inner: SentenceEncoder) {}
  get model() {
    return this.inner.model;
  }
  get dimensions() {
    return this.inner.dimensions;
  }
  encode(texts: readonly string[]) {
    this.encoded += texts.length;
    return this.inner.encode(texts);
  }
  close() {
    return Promise.resolve();
  }
}

describe('ClusterPlacement with sentence vectors (real PostgreSQL and model)', () => {
  const databaseUrl = testEnv('int').databaseUrl.replace(/hub_test_int$/, 'hub_test_int_clusterer');
  let db: DataSource;
  let store: PgClusterStore;
  let model: OnnxSentenceEncoder;

  beforeAll(async () => {
    await dropTestDatabase(databaseUrl);
    await migrate(databaseUrl);
    db = await createDataSource(databaseUrl).initialize();
    store = new PgClusterStore(db);
    model = await OnnxSentenceEncoder.load(defaultModelDir());
  });

  afterAll(async () => {
    await model.close();
    await db.destroy();
  });

  let seq = 0;
  async function insertCase(content: string): Promise<string> {
    const id = randomUUID();
    const messageId = randomUUID();
    const ref = `C${++seq}`;
    await db.query(
      `INSERT INTO message (id, channel, external_ref, case_id, content, received_at) VALUES ($1, 'hotline', $2, $3, $4, now())`,
      [messageId, ref, id, content],
    );
    await db.query(
      `INSERT INTO case_record (id, message_id, channel, external_ref, status, department_code, title, content, received_at)
       VALUES ($1, $2, 'hotline', $3, 'assigned', 'housing', NULL, $4, now())`,
      [id, messageId, ref, content],
    );
    return id;
  }

  const place = async (p: ClusterPlacement, content: string) => {
    const id = await insertCase(content);
    return { id, cluster: await p.place({ id, content }, new Date()) };
  };

  it('joins paraphrases that words alone keep apart, stores their vectors, and rebuilds without the model', async () => {
    // Words only: the two wordings share too little.
    const wordsOnly = new ClusterPlacement(store, undefined, null);
    await wordsOnly.load();
    const w1 = await place(wordsOnly, TREE[0]);
    const w2 = await place(wordsOnly, TREE[1]);
    expect(w2.cluster).not.toEqual(w1.cluster);

    await db.query(`TRUNCATE cluster_member, question_cluster, processed_event, message_embedding CASCADE`);
    const first = new ClusterPlacement(store, undefined, new CountingEncoder(model));
    await first.load();
    const a = await place(first, TREE[0]);
    const b = await place(first, TREE[1]);
    const other = await place(first, OTHER);
    expect(b.cluster).toEqual(a.cluster);
    expect(other.cluster).not.toEqual(a.cluster);
    const stored = await db.query<{ model: string; bytes: number }[]>(
      `SELECT model, length(vector) AS bytes FROM message_embedding WHERE case_id = ANY($1)`,
      [[a.id, b.id, other.id]],
    );
    expect(stored).toEqual(Array(3).fill({ model: model.model, bytes: 4 * model.dimensions }));

    // A restart reads the stored vectors: the model runs only for the new message.
    const counting = new CountingEncoder(model);
    const restarted = new ClusterPlacement(store, undefined, counting);
    await restarted.load();
    expect(counting.encoded).toBe(0);
    const c = await place(restarted, TREE[2]);
    expect(c.cluster).toEqual(a.cluster);
    expect(counting.encoded).toBe(1);
  });

  it('encodes at start what has no vector of its model, and stores it', async () => {
    await db.query(`UPDATE message_embedding SET model = 'another-model'`);
    const counting = new CountingEncoder(model);
    await new ClusterPlacement(store, undefined, counting).load();
    const total = Number((await db.query(`SELECT count(*) AS n FROM cluster_member`))[0].n);
    expect(counting.encoded).toBe(total);
    expect(await db.query(`SELECT DISTINCT model FROM message_embedding`)).toEqual([{ model: model.model }]);
  });
});
