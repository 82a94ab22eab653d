import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows the limit per window and client, then says how long to wait', () => {
    const l = new RateLimiter(3, 60_000);
    expect([0, 1, 2].map((i) => l.hit('a', 1000 + i))).toEqual([0, 0, 0]);
    expect(l.hit('a', 1003)).toBe(60);
    expect(l.hit('b', 1003)).toBe(0);
    expect(l.hit('a', 31_000)).toBe(30);
    expect(l.hit('a', 61_000)).toBe(0); // a new window
  });

  it('is off with a limit of 0', () => {
    const l = new RateLimiter(0);
    expect(Array.from({ length: 1000 }, () => l.hit('a', 0)).every((w) => w === 0)).toBe(true);
  });
});
