import { DeadlineError } from './deadline-error';
import { checkDeadlinePolicy, DEFAULT_DEADLINE_POLICY } from './deadline-policy';

describe('DEFAULT_DEADLINE_POLICY', () => {
  it('holds the design doc defaults', () => {
    const { hotline, board, portal, open311 } = DEFAULT_DEADLINE_POLICY.channels;
    expect(hotline.firstResponse).toEqual({ amount: 1, unit: 'working-days' });
    expect(hotline.urgentFirstResponse).toEqual({ amount: 1, unit: 'clock-hours' });
    expect(hotline.urgentAnswer).toEqual({ amount: 2, unit: 'clock-hours' });
    expect(hotline.answerByKind).toEqual({
      consultation: { amount: 1, unit: 'working-days' },
      suggestion: { amount: 1, unit: 'working-days' },
      help: { amount: 5, unit: 'working-days' },
      complaint: { amount: 5, unit: 'working-days' },
      report: { amount: 5, unit: 'working-days' },
    });
    expect(hotline.sourceDueAtWins).toBe(true);
    expect(board.answer).toEqual({ amount: 5, unit: 'working-days' });
    expect(open311).toEqual(board);
    expect(portal).toMatchObject({ answer: { amount: 15, unit: 'working-days' }, sourceDueAtWins: true });
    expect(DEFAULT_DEADLINE_POLICY.rehandling).toEqual({ amount: 3, unit: 'working-days' });
    expect(DEFAULT_DEADLINE_POLICY.extensionCapWorkingDays).toBe(15);
    expect(DEFAULT_DEADLINE_POLICY.warnFraction).toBe(0.8);
  });

  it('is frozen all the way down, so a change has to be an explicit copy', () => {
    expect(Object.isFrozen(DEFAULT_DEADLINE_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DEADLINE_POLICY.channels.hotline.answerByKind)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DEADLINE_POLICY.channels.board.answer)).toBe(true);
  });
});

describe('checkDeadlinePolicy', () => {
  it('accepts the defaults and a JSON copy of them', () => {
    expect(checkDeadlinePolicy(DEFAULT_DEADLINE_POLICY)).toBe(DEFAULT_DEADLINE_POLICY);
    expect(checkDeadlinePolicy(JSON.parse(JSON.stringify(DEFAULT_DEADLINE_POLICY)))).toEqual(
      DEFAULT_DEADLINE_POLICY,
    );
  });

  it('names every problem', () => {
    const bad = JSON.parse(JSON.stringify(DEFAULT_DEADLINE_POLICY));
    bad.channels.board.answer = { amount: 0, unit: 'working-days' };
    bad.channels.hotline.answerByKind.help = { amount: 5, unit: 'weeks' };
    delete bad.channels.open311;
    bad.warnFraction = 1;
    let error: unknown;
    try {
      checkDeadlinePolicy(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as DeadlineError).code).toBe('invalid-policy');
    expect((error as DeadlineError).details.problems).toEqual([
      'channels.hotline.answerByKind.help.unit: must be working-days or clock-hours',
      'channels.board.answer.amount: must be a number > 0',
      'channels.open311: missing',
      'warnFraction: must be between 0 and 1 (exclusive)',
    ]);
    expect(() => checkDeadlinePolicy(null)).toThrow(DeadlineError);
  });
});
