import { type ClusterInput, type FeatureOptions, MessageFeatures } from './features';

let shared: MessageFeatures | undefined;

/**
 * The most characteristic terms of a cluster's messages, for its title and key terms (关键词): the
 * jieba words (two characters or more) found in the most messages, then the most often, then the
 * longest, then the earliest; stock phrases and words (您好、请问、市民来电反映 …) and place terms
 * are left out, colloquial forms appear as the official term (电瓶车 → 电动自行车), and a word
 * inside a chosen longer word found as often (电动 in 电动自行车) is not repeated. Pass the
 * directory's place terms in `options` (or an index's `features`) to leave those out too.
 */
export function keyTerms(docs: ClusterInput[], n = 5, options?: FeatureOptions | MessageFeatures): string[] {
  const features =
    options instanceof MessageFeatures
      ? options
      : options
        ? new MessageFeatures(options)
        : (shared ??= new MessageFeatures());
  const stats = new Map<string, { docs: number; count: number; first: number }>();
  let order = 0;
  for (const doc of docs) {
    const seen = new Set<string>();
    for (const w of features.contentWords(doc)) {
      if ([...w].length < 2 || /^[\d.]+$/.test(w) || features.isPlace(w)) continue;
      const s = stats.get(w) ?? { docs: 0, count: 0, first: order++ };
      s.count++;
      if (!seen.has(w)) {
        s.docs++;
        seen.add(w);
      }
      stats.set(w, s);
    }
  }
  const ranked = [...stats.entries()].sort(
    ([a, x], [b, y]) => y.docs - x.docs || y.count - x.count || b.length - a.length || x.first - y.first,
  );
  const chosen: string[] = [];
  for (const [w, s] of ranked) {
    if (chosen.length >= n) break;
    const covered = chosen.some((c) => c.includes(w) && stats.get(c)!.docs >= s.docs);
    if (!covered) chosen.push(w);
  }
  return chosen;
}
