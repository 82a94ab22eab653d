import { InvalidMessageError } from '@hub/contracts';
import { RetryPolicy } from './retry-policy';

describe('RetryPolicy', () => {
  const policy = new RetryPolicy(4, 100, 500);

  it('never retries an invalid message', () => {
    expect(
      policy.shouldRetry(new InvalidMessageError([{ field: 'content', problem: 'is required' }]), 1),
    ).toBe(false);
  });

  it('retries other failures until the last attempt', () => {
    const e = new Error('database unavailable');
    expect([1, 2, 3, 4].map((a) => policy.shouldRetry(e, a))).toEqual([true, true, true, false]);
  });

  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((a) => policy.delayMs(a))).toEqual([100, 200, 400, 500, 500]);
  });
});
