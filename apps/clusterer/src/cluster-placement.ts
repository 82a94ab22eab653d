import { Injectable, Logger } from '@nestjs/common';
import { chooseCluster, type ClusterInput, keyTerms, SimilarityIndex } from '@hub/clustering';
import { InvalidMessageError } from '@hub/contracts';
import { type SentenceEncoder } from '@hub/embedding';
import { type PgClusterStore } from '@hub/persistence';

/** Key terms are recomputed for every member while a cluster is small, then every tenth. */
const KEY_TERMS_EVERY = 10;

function titleOf(doc: ClusterInput, terms: string[]): string {
  const text = (doc.title ?? '').trim() || doc.content.trim();
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return short || terms.slice(0, 3).join('、');
}

/**
 * 共性问题归集: places each new message in the cluster of the most similar earlier question, or in a
 * cluster of its own. The in-memory index holds message features only (rebuilt from PostgreSQL at
 * start); which cluster a candidate belongs to, and what staff separated, is read from the
 * database for every placement, so staff corrections count at once. With a sentence encoder each
 * message is also compared by meaning (its vector, stored with the placement so a restart does not
 * run the model again). One instance at a time (the index is per process).
 */
@Injectable()
export class ClusterPlacement {
  private readonly log = new Logger('clusterer');
  readonly index: SimilarityIndex;

  constructor(
    private readonly store: PgClusterStore,
    private readonly threshold: number | undefined,
    private readonly encoder: SentenceEncoder | null,
  ) {
    this.index = new SimilarityIndex({ threshold });
  }

  /**
   * Place terms from the directory, then every clustered message into the index, with its stored
   * vector; messages without one of this model (clustered before, or by another model) are encoded
   * now and their vectors stored.
   */
  async load(): Promise<void> {
    this.index.addPlaceTerms(await this.store.placeTerms());
    const started = Date.now();
    const texts = await this.store.clusteredTexts(this.encoder?.model);
    let encoded = 0;
    for (const t of texts) {
      const doc: ClusterInput = { id: t.caseId, title: t.title, content: t.content, embedding: t.embedding };
      if (this.encoder && !doc.embedding) {
        doc.embedding = await this.embed(doc);
        await this.store.saveEmbedding(doc.id, { model: this.encoder.model, vector: doc.embedding });
        encoded++;
      }
      this.index.add(doc);
    }
    this.log.log(
      `index rebuilt: ${texts.length} message(s) (${encoded} encoded now) in ${Date.now() - started} ms; ` +
        (this.encoder ? `sentence vectors by ${this.encoder.model}` : 'words only (CLUSTER_EMBEDDINGS=off)'),
    );
  }

  private async embed(doc: ClusterInput): Promise<Float32Array> {
    const [vector] = await this.encoder!.encode([this.index.features.embeddingText(doc)]);
    return vector;
  }

  async place(doc: ClusterInput, receivedAt: Date): Promise<string | null> {
    // The event is published only after its case committed: a missing case is an event from another
    // database's history (e.g. a topic shared across a rebuilt demo), dead-lettered at once.
    if (!(await this.store.caseExists(doc.id))) {
      throw new InvalidMessageError([
        { field: 'caseId', problem: `no case ${doc.id} in this hub's database` },
      ]);
    }
    if (this.encoder) doc = { ...doc, embedding: await this.embed(doc) };
    const similar = this.index.similar(doc, 20);
    const clusters = await this.store.clustersOf(similar.map((s) => s.id));
    const candidates = similar.flatMap((s) => {
      const clusterId = clusters.get(s.id);
      return clusterId ? [{ ...s, clusterId }] : [];
    });
    const clusterIds = [...new Set(candidates.map((c) => c.clusterId))];
    const [refused, samples] = await Promise.all([
      this.store.clusterMembersSeparatedFrom(doc.id, clusterIds),
      this.store.memberSamples(clusterIds),
    ]);
    const choice = chooseCluster(
      candidates.filter((c) => !refused.has(c.clusterId)),
      () => false, // separations are per cluster here, applied above
      {
        threshold: this.threshold,
        // The chaining guard: as similar on average to the cluster's first and latest members.
        support: (clusterId) => {
          const sims = this.index.similarityTo(doc, samples.get(clusterId) ?? []);
          return sims.length === 0 ? undefined : sims.reduce((a, x) => a + x, 0) / sims.length;
        },
      },
    );
    const terms = keyTerms([doc], 5, this.index.features);
    const clusterId = await this.store.place({
      caseId: doc.id,
      clusterId: choice?.clusterId ?? null,
      matchedCaseId: choice?.matchedId ?? null,
      similarity: choice?.similarity ?? null,
      receivedAt,
      title: titleOf(doc, terms),
      keyTerms: terms,
      embedding: doc.embedding && this.encoder ? { model: this.encoder.model, vector: doc.embedding } : null,
    });
    this.index.add(doc);
    if (clusterId && choice) await this.refreshTerms(clusterId);
    return clusterId;
  }

  private async refreshTerms(clusterId: string): Promise<void> {
    const members = await this.store.memberTexts(clusterId, 50);
    if (members.length > KEY_TERMS_EVERY && members.length % KEY_TERMS_EVERY !== 0) return;
    const docs = members.map((m) => ({ id: m.caseId, title: m.title, content: m.content }));
    const terms = keyTerms(docs, 8, this.index.features);
    await this.store.setKeyTerms(clusterId, terms, terms.slice(0, 4).join('、') || titleOf(docs[0], terms));
  }
}
