import { type Principal } from '@hub/auth';
import { type CaseEventV1 } from '@hub/contracts';
import { liveScope, mayReceive, toLiveEvent } from './live-scope';
import { RecentEvents } from './recent-events';

const who = (role: Principal['role'], departmentCode: string | null = null): Principal => ({
  username: `${departmentCode ?? role}.${role}`,
  role,
  departmentCode,
  displayName: role,
});

function event(over: Partial<CaseEventV1> = {}): CaseEventV1 {
  return {
    eventId: 'e1',
    type: 'case.assigned',
    version: 3,
    occurredAt: '2026-11-30T09:00:00+08:00',
    caseId: 'c1',
    channel: 'hotline',
    externalRef: 'T-1',
    departmentCode: 'housing',
    status: 'assigned',
    dueAt: '2026-12-05T17:30:00+08:00',
    data: { title: '噪声', content: '电话13812345678', from: null },
    ...over,
  };
}

describe('live stream scope', () => {
  it('carries ids, status, unit and version only — no text, no personal data', () => {
    const live = toLiveEvent(event());
    expect(Object.keys(live).sort()).toEqual(
      [
        'caseId',
        'departmentCode',
        'eventId',
        'fromDepartmentCode',
        'occurredAt',
        'status',
        'type',
        'version',
      ].sort(),
    );
    expect(JSON.stringify(live)).not.toMatch(/13812345678|噪声|T-1/);
  });

  it('gives staff and leads their unit, including a case transferred or returned away from it', () => {
    const housing = liveScope(who('staff', 'housing'))!;
    const lead = liveScope(who('lead', 'housing'))!;
    expect(mayReceive(housing, toLiveEvent(event()))).toBe(true);
    expect(mayReceive(lead, toLiveEvent(event()))).toBe(true);
    expect(mayReceive(housing, toLiveEvent(event({ departmentCode: 'gov-office' })))).toBe(false);
    const transferredAway = toLiveEvent(
      event({
        type: 'case.transferred',
        departmentCode: 'gov-office',
        data: { from: 'housing', to: 'gov-office' },
      }),
    );
    expect(transferredAway.fromDepartmentCode).toBe('housing');
    expect(mayReceive(housing, transferredAway)).toBe(true);
    const returned = toLiveEvent(
      event({
        type: 'case.returned',
        departmentCode: null,
        status: 'pending-dispatch',
        data: { from: 'housing' },
      }),
    );
    expect(mayReceive(housing, returned)).toBe(true);
    expect(mayReceive(liveScope(who('staff', 'sports'))!, returned)).toBe(false);
    // A case waiting for the dispatcher belongs to no unit.
    expect(mayReceive(housing, toLiveEvent(event({ departmentCode: null, status: 'received' })))).toBe(false);
    // A staff account without a unit sees nothing.
    expect(mayReceive(liveScope(who('staff', null))!, toLiveEvent(event()))).toBe(false);
  });

  it('gives district roles every case, analysts counts only, the integration account no stream', () => {
    for (const role of ['admin', 'dispatcher', 'supervisor'] as const) {
      expect(mayReceive(liveScope(who(role))!, toLiveEvent(event({ departmentCode: null })))).toBe(true);
    }
    expect(liveScope(who('analyst'))).toEqual({ kind: 'counts' });
    expect(mayReceive(liveScope(who('analyst'))!, toLiveEvent(event()))).toBe(false);
    expect(liveScope(who('integration'))).toBeNull();
  });
});

describe('recent events (replay after a reconnect)', () => {
  const live = (id: string) => toLiveEvent(event({ eventId: id }));

  it('answers what arrived since a time, or null when it does not reach back that far', () => {
    const recent = new RecentEvents(60_000, 100);
    expect(recent.since(0)).toBeNull(); // not joined yet
    recent.restart(1_000);
    recent.add(live('a'), 2_000);
    recent.add(live('b'), 3_000);
    expect(recent.since(2_500)?.map((e) => e.eventId)).toEqual(['b']);
    expect(recent.since(1_000)?.map((e) => e.eventId)).toEqual(['a', 'b']);
    expect(recent.since(999)).toBeNull(); // before the feed joined: may be missing
  });

  it('forgets old events and then refuses to replay past them', () => {
    const recent = new RecentEvents(10_000, 3);
    recent.restart(0);
    for (let i = 1; i <= 5; i++) recent.add(live(`e${i}`), i * 1000);
    expect(recent.size).toBe(3);
    expect(recent.since(3_000)?.map((e) => e.eventId)).toEqual(['e3', 'e4', 'e5']);
    expect(recent.since(2_500)?.map((e) => e.eventId)).toEqual(['e3', 'e4', 'e5']);
    expect(recent.since(1_500)).toBeNull(); // e2 (at 2 000) was forgotten
    recent.add(live('late'), 20_000);
    expect(recent.size).toBe(1); // older than ten seconds: forgotten
    expect(recent.since(4_000)).toBeNull();
    expect(recent.since(9_000)?.map((e) => e.eventId)).toEqual(['late']);
  });
});
