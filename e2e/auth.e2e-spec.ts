import { call, callAs } from './e2e-kit';

const login = (username: string, password: string) =>
  call('POST', '/api/v1/auth/login', { username, password });

describe('access: login, tokens, roles', () => {
  it('logs a demo account in with a short-lived token that names it', async () => {
    const res = await login('housing.staff', 'hub-demo');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      tokenType: 'Bearer',
      user: { username: 'housing.staff', role: 'staff', departmentCode: 'housing' },
    });
    const ttl = new Date(res.json.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000);
    const me = await call('GET', '/api/v1/auth/me', undefined, {
      authorization: `Bearer ${res.json.accessToken}`,
    });
    expect(me.json).toMatchObject({ username: 'housing.staff', role: 'staff' });
  });

  it('answers 401 without a token, with a bad one, and for a wrong password (same answer for an unknown name)', async () => {
    expect((await call('GET', '/api/v1/cases')).status).toBe(401);
    expect((await call('GET', '/api/v1/search?q=x')).status).toBe(401);
    expect(
      (await call('GET', '/api/v1/cases', undefined, { authorization: 'Bearer abc.def.ghi' })).status,
    ).toBe(401);
    const wrong = await login('housing.staff', 'nope');
    const unknown = await login('nobody', 'nope');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.json.message).toBe(unknown.json.message);
    expect((await call('POST', '/api/v1/auth/login', { username: 'x' })).json.errors[0].field).toBe(
      'password',
    );
  });

  it('locks an account after five failures in a row; others are unaffected', async () => {
    for (let i = 0; i < 4; i++) expect((await login('sports.lead', `wrong-${i}`)).status).toBe(401);
    const fifth = await login('sports.lead', 'wrong-5');
    expect(fifth.json.message).toContain('locked');
    const right = await login('sports.lead', 'hub-demo');
    expect(right.status).toBe(401);
    expect(right.json.message).toContain('locked');
    expect((await login('sports.staff', 'hub-demo')).status).toBe(200);
  });

  it('keeps routes to their roles', async () => {
    expect((await callAs('analyst', 'POST', '/api/v1/portal/referrals', {})).status).toBe(403);
    expect((await callAs('integration', 'GET', '/api/v1/cases')).status).toBe(403);
    expect((await callAs('housing.staff', 'GET', '/api/v1/cases?department=gov-office')).json.total).toBe(0);
    // Public routes stay public.
    expect((await call('GET', '/health')).status).toBeLessThan(500);
    expect((await call('GET', '/open311/v2/services.json')).status).toBe(200);
  });
});
