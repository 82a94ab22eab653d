import { issueToken } from '@hub/auth';
import { call, callAs, HUB_ENV, sql } from './e2e-kit';

/**
 * 保存的视图 (`/api/v1/me/views`, each user's own, on the server) and session refresh
 * (`POST /api/v1/auth/refresh`) through the public API.
 */
const SECRET = HUB_ENV.HUB_AUTH_SECRET || `civic-hub-${HUB_ENV.HUB_ENV ?? 'test'}-secret-not-for-production`;

async function login(username: string): Promise<string> {
  const res = await call('POST', '/api/v1/auth/login', { username, password: 'hub-demo' });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.accessToken as string;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const refresh = (token: string) => call('POST', '/api/v1/auth/refresh', undefined, bearer(token));

describe('saved views (保存的视图)', () => {
  it('saves, lists, replaces and deletes the caller’s views; they follow the user to a new login', async () => {
    const query = 'status=all&channel=hotline&kind=complaint';
    const created = await callAs('housing.staff', 'POST', '/api/v1/me/views', { name: ' 热线投诉 ', query });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ page: 'queue', name: '热线投诉', query });

    // Another machine: a fresh login of the same user lists it.
    const elsewhere = await call(
      'GET',
      '/api/v1/me/views?page=queue',
      undefined,
      bearer(await login('housing.staff')),
    );
    expect(elsewhere.json.items).toEqual([
      expect.objectContaining({ id: created.json.id, name: '热线投诉', query }),
    ]);

    // The same name replaces the filters (200), it does not add a second view.
    const q2 = new URLSearchParams({ status: 'accepted', q: '加装电梯' }).toString();
    const replaced = await callAs('housing.staff', 'POST', '/api/v1/me/views', {
      page: 'queue',
      name: '热线投诉',
      query: q2,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ id: created.json.id, query: q2 });
    const second = await callAs('housing.staff', 'POST', '/api/v1/me/views', {
      name: '全部',
      query: 'status=all',
    });
    expect(second.status).toBe(201);
    const mine = await callAs('housing.staff', 'GET', '/api/v1/me/views');
    expect(mine.json.items.map((v: { name: string }) => v.name).sort()).toEqual(['全部', '热线投诉'].sort());

    expect((await callAs('housing.staff', 'DELETE', `/api/v1/me/views/${second.json.id}`)).status).toBe(204);
    expect((await callAs('housing.staff', 'DELETE', `/api/v1/me/views/${second.json.id}`)).status).toBe(404);
    expect((await callAs('housing.staff', 'GET', '/api/v1/me/views')).json.items).toHaveLength(1);
  });

  it('keeps each user’s views to that user: another cannot list or delete them', async () => {
    const view = await callAs('housing.lead', 'POST', '/api/v1/me/views', {
      name: '审核中',
      query: 'status=reply-review',
    });
    expect(view.status).toBe(201);
    const theirs = await callAs('gov-office.staff', 'GET', '/api/v1/me/views');
    expect(theirs.status).toBe(200);
    expect(theirs.json.items.map((v: { id: string }) => v.id)).not.toContain(view.json.id);
    expect((await callAs('dispatcher', 'DELETE', `/api/v1/me/views/${view.json.id}`)).status).toBe(404);
    expect((await callAs('admin', 'DELETE', `/api/v1/me/views/${view.json.id}`)).status).toBe(404);
    expect((await callAs('housing.lead', 'GET', '/api/v1/me/views')).json.items).toEqual([
      expect.objectContaining({ id: view.json.id }),
    ]);
    // The same name is a different view for another user.
    expect(
      (await callAs('gov-office.staff', 'POST', '/api/v1/me/views', { name: '审核中', query: 'status=all' }))
        .status,
    ).toBe(201);
    expect((await callAs('housing.lead', 'GET', '/api/v1/me/views')).json.items[0].query).toBe(
      'status=reply-review',
    );
    expect((await call('GET', '/api/v1/me/views')).status).toBe(401);
    expect((await callAs('integration', 'GET', '/api/v1/me/views')).status).toBe(403);
  });

  it('answers 400 naming the field for bad input, 409 past the limit', async () => {
    const fieldsOf = async (body: unknown) => {
      const r = await callAs('sports.staff', 'POST', '/api/v1/me/views', body);
      expect(r.status).toBe(400);
      return (r.json.errors as { field: string }[]).map((e) => e.field).sort();
    };
    expect(await fieldsOf({ name: '', query: '?status=all' })).toEqual(['name', 'query']);
    expect(await fieldsOf({ name: 'x'.repeat(61), query: 'status=all' })).toEqual(['name']);
    expect(await fieldsOf({ name: 'x', query: 'status=all', page: 'nope' })).toEqual(['page']);
    expect(await fieldsOf({ name: 'x', query: 'a b' })).toEqual(['query']);
    expect(await fieldsOf({ name: 'x', query: 'status=all', owner: 'housing.staff' })).toEqual(['owner']);
    const badId = await callAs('sports.staff', 'DELETE', '/api/v1/me/views/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.json.errors[0].field).toBe('id');
    expect((await callAs('sports.staff', 'GET', '/api/v1/me/views?page=nope')).json.errors[0].field).toBe(
      'page',
    );

    for (let i = 0; i < 50; i++) {
      const r = await callAs('sports.staff', 'POST', '/api/v1/me/views', { name: `v${i}`, query: `q=${i}` });
      expect(r.status).toBe(201);
    }
    const over = await callAs('sports.staff', 'POST', '/api/v1/me/views', {
      name: 'one too many',
      query: 'q=x',
    });
    expect(over.status).toBe(409);
    expect(over.json.message).toContain('name');
    // Replacing one of the fifty is still fine.
    expect(
      (await callAs('sports.staff', 'POST', '/api/v1/me/views', { name: 'v0', query: 'q=new' })).status,
    ).toBe(200);
  });
});

describe('session refresh: POST /api/v1/auth/refresh', () => {
  it('issues a new token for a still-valid one, naming the same user', async () => {
    const token = await login('culture-tourism.staff');
    await new Promise((r) => setTimeout(r, 1100)); // a new second: a new token
    const res = await refresh(token);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      tokenType: 'Bearer',
      user: { username: 'culture-tourism.staff', role: 'staff', departmentCode: 'culture-tourism' },
    });
    expect(res.json.accessToken).not.toBe(token);
    const ttl = Date.parse(res.json.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(29 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000);
    const me = await call('GET', '/api/v1/auth/me', undefined, bearer(res.json.accessToken));
    expect(me.json.username).toBe('culture-tourism.staff');
  });

  it('refuses an expired token, a forged one and none', async () => {
    const user = {
      username: 'culture-tourism.staff',
      role: 'staff' as const,
      departmentCode: 'culture-tourism',
      displayName: 'x',
    };
    const expired = issueToken(user, {
      secret: SECRET,
      ttlSeconds: 1800,
      now: new Date(Date.now() - 31 * 60_000),
      issuer: 'civic-hub',
    });
    // The hub's own secret and claims, expired a minute ago: only the expiry refuses it.
    const res = await refresh(expired.accessToken);
    expect(res.status).toBe(401);
    expect(res.json.message).toContain('expired');
    const forged = issueToken(user, {
      secret: 'not-the-secret',
      ttlSeconds: 1800,
      now: new Date(),
      issuer: 'civic-hub',
    });
    expect((await refresh(forged.accessToken)).status).toBe(401);
    expect((await call('POST', '/api/v1/auth/refresh')).status).toBe(401);
  });

  it('refuses an account disabled or locked since the token was issued', async () => {
    const disabled = await login('veterans.staff');
    await sql(`UPDATE user_account SET active = false WHERE username = 'veterans.staff'`);
    try {
      const res = await refresh(disabled);
      expect(res.status).toBe(401);
      expect(res.json.message).toContain('disabled');
    } finally {
      await sql(`UPDATE user_account SET active = true WHERE username = 'veterans.staff'`);
    }
    expect((await refresh(disabled)).status).toBe(200);

    const locked = await login('statistics.staff');
    for (let i = 0; i < 5; i++) {
      await call('POST', '/api/v1/auth/login', { username: 'statistics.staff', password: `wrong-${i}` });
    }
    const res = await refresh(locked);
    expect(res.status).toBe(401);
    expect(res.json.message).toContain('locked');
  });
});
