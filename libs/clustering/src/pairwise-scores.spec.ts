import { pairwiseScores } from './pairwise-scores';

describe('pairwiseScores', () => {
  it('counts pairs on a hand example', () => {
    // truth: {a,b,c} {d,e} {f}; predicted: {a,b} {c,d,e} {f}
    const truth = new Map(Object.entries({ a: 'X', b: 'X', c: 'X', d: 'Y', e: 'Y', f: 'Z' }));
    const predicted = new Map(Object.entries({ a: '1', b: '1', c: '2', d: '2', e: '2', f: '3' }));
    const s = pairwiseScores(predicted, truth);
    // true pairs ab ac bc de = 4; predicted ab cd ce de = 4; correct ab de = 2
    expect(s).toEqual({
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
      truePairs: 4,
      predictedPairs: 4,
      correctPairs: 2,
    });
  });

  it('is perfect for the same partition under other names, and ignores ids missing from either side', () => {
    const truth = new Map(Object.entries({ a: 'X', b: 'X', c: 'Y' }));
    const predicted = new Map(Object.entries({ a: 'p', b: 'p', c: 'q', z: 'p' }));
    expect(pairwiseScores(predicted, truth)).toMatchObject({
      precision: 1,
      recall: 1,
      f1: 1,
      predictedPairs: 1,
    });
  });

  it('gives precision 1 with no predicted pair and recall 0 when true pairs are all missed', () => {
    const truth = new Map(Object.entries({ a: 'X', b: 'X' }));
    const singletons = new Map(Object.entries({ a: '1', b: '2' }));
    expect(pairwiseScores(singletons, truth)).toMatchObject({ precision: 1, recall: 0, f1: 0 });
  });
});
