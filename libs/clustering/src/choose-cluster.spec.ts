import { chooseCluster } from './choose-cluster';

const never = () => false;
const pairs = (...ps: [string, string][]) => {
  const set = new Set(ps.map(([a, b]) => [a, b].sort().join('|')));
  return (a: string, b: string) => set.has([a, b].sort().join('|'));
};

describe('chooseCluster', () => {
  it('takes the best candidate at or above the threshold, else a new cluster', () => {
    const candidates = [
      { id: 'm2', similarity: 0.41, clusterId: 'B' },
      { id: 'm1', similarity: 0.62, clusterId: 'A' },
    ];
    expect(chooseCluster(candidates, never, { threshold: 0.3 })).toEqual({
      clusterId: 'A',
      matchedId: 'm1',
      similarity: 0.62,
    });
    expect(chooseCluster(candidates, never, { threshold: 0.7 })).toBeNull();
    expect(chooseCluster([], never)).toBeNull();
  });

  it('breaks ties by id, so the same input gives the same answer', () => {
    const a = { id: 'm9', similarity: 0.5, clusterId: 'X' };
    const b = { id: 'm3', similarity: 0.5, clusterId: 'Y' };
    expect(chooseCluster([a, b], never)?.clusterId).toBe('Y');
    expect(chooseCluster([b, a], never)?.clusterId).toBe('Y');
  });

  it('never joins a cluster holding a message marked not-a-duplicate of the new one', () => {
    const candidates = [
      { id: 'm1', similarity: 0.8, clusterId: 'A' },
      { id: 'm4', similarity: 0.35, clusterId: 'A' },
      { id: 'm2', similarity: 0.5, clusterId: 'B' },
    ];
    const separated = pairs(['new', 'm4']);
    expect(chooseCluster(candidates, separated, { id: 'new' })).toEqual({
      clusterId: 'B',
      matchedId: 'm2',
      similarity: 0.5,
    });
    // without the id the rule cannot know, and takes the best match
    expect(chooseCluster(candidates, separated)?.clusterId).toBe('A');
  });

  it('does not fall back across a line staff drew from a better match', () => {
    const candidates = [
      { id: 'm1', similarity: 0.8, clusterId: 'A' },
      { id: 'm2', similarity: 0.5, clusterId: 'B' },
      { id: 'm3', similarity: 0.45, clusterId: 'C' },
    ];
    const separated = pairs(['new', 'm1'], ['m1', 'm2']);
    // A is barred; B holds m2, which staff said differs from m1, the message the new one resembles most
    expect(chooseCluster(candidates, separated, { id: 'new' })?.clusterId).toBe('C');
  });

  it('guards against chaining: a cluster the new message resembles only at one member is refused', () => {
    const candidates = [
      { id: 'edge', similarity: 0.55, clusterId: 'A' },
      { id: 'm2', similarity: 0.4, clusterId: 'B' },
    ];
    const support = (c: string) => ({ A: 0.12, B: 0.36 })[c];
    expect(chooseCluster(candidates, never, { support })).toEqual({
      clusterId: 'B',
      matchedId: 'm2',
      similarity: 0.4,
    });
    expect(chooseCluster(candidates, never, { support, minSupport: 0.1 })?.clusterId).toBe('A');
    expect(chooseCluster(candidates, never, { support: () => undefined })?.clusterId).toBe('A');
    expect(chooseCluster(candidates, never, { support: () => 0 })).toBeNull();
  });
});
