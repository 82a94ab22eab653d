import { canonicalJson, chainHash, GENESIS_HASH, type StoredAuditEntry, verifyChain } from './audit-chain';

function chain(bodies: string[]): StoredAuditEntry[] {
  let prev = GENESIS_HASH;
  return bodies.map((body, i) => {
    const hash = chainHash(prev, body);
    const e = { id: i + 1, body, prevHash: prev, hash };
    prev = hash;
    return e;
  });
}

describe('audit chain', () => {
  it('writes keys in one order whatever order they came in', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });

  it('accepts an intact chain and can continue from a checkpoint', () => {
    const entries = chain(['{"a":1}', '{"a":2}', '{"a":3}']);
    expect(verifyChain(entries)).toEqual({ ok: true, checked: 3, lastHash: entries[2].hash });
    expect(verifyChain(entries.slice(2), entries[1].hash, 2)).toEqual({
      ok: true,
      checked: 3,
      lastHash: entries[2].hash,
    });
  });

  it('finds an edited entry', () => {
    const entries = chain(['{"a":1}', '{"a":2}', '{"a":3}']);
    entries[1] = { ...entries[1], body: '{"a":20}' };
    expect(verifyChain(entries)).toMatchObject({
      ok: false,
      checked: 1,
      brokenAt: '2',
      reason: expect.stringContaining('changed'),
    });
  });

  it('finds a removed entry', () => {
    const entries = chain(['{"a":1}', '{"a":2}', '{"a":3}']);
    expect(verifyChain([entries[0], entries[2]])).toMatchObject({
      ok: false,
      brokenAt: '3',
      reason: expect.stringContaining('removed'),
    });
  });

  it('finds an entry whose hash was recomputed after an edit (the next one no longer follows)', () => {
    const entries = chain(['{"a":1}', '{"a":2}', '{"a":3}']);
    const body = '{"a":20}';
    entries[1] = { ...entries[1], body, hash: chainHash(entries[1].prevHash, body) };
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAt: '3' });
  });
});
