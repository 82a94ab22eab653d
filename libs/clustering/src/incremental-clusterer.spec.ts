import { IncrementalClusterer } from './incremental-clusterer';

const BACKGROUND = [
  '小区门口共享单车乱停，堵住人行道',
  '楼上邻居装修噪声太大，周末也在施工',
  '请问社保卡丢了怎么补办',
  '路灯坏了好几天没人修',
  '公交站取消后出行不便',
  '垃圾厢房异味很重，夏天苍蝇多',
  '物业费上涨未经业主大会同意',
  '小区电动自行车没地方充电',
  '育儿补贴在哪里申请',
  '居住证积分需要什么材料',
];

function clusterer(opts: ConstructorParameters<typeof IncrementalClusterer>[0] = {}): IncrementalClusterer {
  const c = new IncrementalClusterer(opts);
  BACKGROUND.forEach((content, i) => c.add({ id: `bg${i}`, content }));
  return c;
}

const SUBSIDY = [
  '请问老公房加装电梯，政府补贴需要满足哪些条件？',
  '我们楼想装电梯，申请加梯补助有什么条件，要多少户同意？',
  '市民来电咨询：多层住宅加装电梯申请补贴的条件，要求答复。',
];

describe('IncrementalClusterer', () => {
  it('puts paraphrases of one question together and a different question apart', () => {
    const c = clusterer();
    const placed = SUBSIDY.map((content, i) => c.add({ id: `s${i}`, content }));
    expect(placed[0]).toEqual({ id: 's0', clusterId: 's0', isNew: true, similarity: 0, matchedId: null });
    expect(placed.slice(1).every((p) => p.clusterId === 's0' && !p.isNew && p.similarity >= 0.3)).toBe(true);
    const noise = c.add({ id: 'n', content: '楼下正在加装电梯，施工噪音太大了，早上七点就开始打钻。' });
    expect(noise.clusterId).not.toBe('s0');
    expect(c.members('s0')).toEqual(['s0', 's1', 's2']);
    expect(c.clusterOf('s2')).toBe('s0');
    expect(c.clusterOf('unknown')).toBeUndefined();
    expect(c.members('unknown')).toEqual([]);
  });

  it('answers the first placement again for a repeated id', () => {
    const c = clusterer();
    const first = c.add({ id: 'x', content: SUBSIDY[0] });
    expect(c.add({ id: 'x', content: 'anything' })).toBe(first);
    expect(c.members('x')).toEqual(['x']);
  });

  it('respects not-a-duplicate: the later message leaves, and stays apart from what it was separated from', () => {
    const c = clusterer();
    c.add({ id: 'a', content: SUBSIDY[0] });
    c.add({ id: 'b', content: SUBSIDY[1] });
    expect(c.clusterOf('b')).toBe('a');
    c.separate('a', 'b');
    expect(c.clusterOf('a')).toBe('a');
    expect(c.clusterOf('b')).toBe('b');
    expect(c.members('a')).toEqual(['a']);
    // an exact copy of b goes with b
    expect(c.add({ id: 'b2', content: SUBSIDY[1] }).clusterId).toBe('b');
    // separated before it arrives: a near copy of a still never joins a's cluster
    c.separate('a', 'late');
    const late = c.add({ id: 'late', content: `${SUBSIDY[0]}谢谢` });
    expect(late.clusterId).not.toBe('a');
    expect(c.members(late.clusterId)).not.toContain('a');
  });

  it('guards against chaining: resembling one member is not enough to join', () => {
    const A = SUBSIDY[0];
    const B = '加装电梯的补贴条件是什么？另外加装电梯施工的时候噪音很大，施工时间有规定吗？';
    const C = '楼下装电梯的工地噪音太大，早上七点就开始打钻，施工时间有没有规定？';
    const guarded = clusterer();
    guarded.add({ id: 'A', content: A });
    expect(guarded.add({ id: 'B', content: B }).clusterId).toBe('A');
    const [toA, toB] = guarded.index.similarityTo({ id: 'C', content: C }, ['A', 'B']);
    expect(toB).toBeGreaterThanOrEqual(0.3); // C would chain through B …
    expect((toA + toB) / 2).toBeLessThan(0.3); // … but does not resemble the cluster
    expect(guarded.add({ id: 'C', content: C }).clusterId).not.toBe('A');

    const unguarded = clusterer({ minSupport: 0 });
    unguarded.add({ id: 'A', content: A });
    unguarded.add({ id: 'B', content: B });
    expect(unguarded.add({ id: 'C', content: C })).toMatchObject({ clusterId: 'A', matchedId: 'B' });
  });
});
