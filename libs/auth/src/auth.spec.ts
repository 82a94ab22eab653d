import { demoAccounts } from './demo-accounts';
import { hashPassword, verifyPassword } from './password';
import { departmentScope, maySeeDepartment, type Principal } from './roles';
import { issueToken, TokenError, verifyOidcToken, verifyToken } from './token';

const staff: Principal = {
  username: 'housing.staff',
  role: 'staff',
  departmentCode: 'housing',
  displayName: '住房承办人',
};
const opts = { secret: 'a-secret-of-enough-length-for-tests', ttlSeconds: 900, issuer: 'civic-hub' };
const now = new Date('2026-11-28T10:00:00+08:00');

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('hub-demo');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    await expect(verifyPassword('hub-demo', stored)).resolves.toBe(true);
    await expect(verifyPassword('hub-demo ', stored)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
  });

  it('answers false for a malformed hash', async () => {
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
  });
});

describe('access tokens', () => {
  it('carries the principal', () => {
    const { accessToken, expiresAt } = issueToken(staff, { ...opts, now });
    expect(expiresAt.toISOString()).toBe('2026-11-28T02:15:00.000Z');
    expect(verifyToken(accessToken, { ...opts, now })).toEqual(staff);
  });

  it('refuses an expired, tampered or foreign token', () => {
    const { accessToken } = issueToken(staff, { ...opts, now });
    const later = new Date(now.getTime() + 901_000);
    expect(() => verifyToken(accessToken, { ...opts, now: later })).toThrow('token expired');
    const [h, p, s] = accessToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'admin' }),
    ).toString('base64url');
    expect(() => verifyToken(`${h}.${forged}.${s}`, { ...opts, now })).toThrow('bad token signature');
    expect(() => verifyToken(accessToken, { ...opts, now, secret: 'another-secret' })).toThrow(TokenError);
    expect(() => verifyToken(accessToken, { ...opts, now, issuer: 'elsewhere' })).toThrow('another issuer');
    expect(() => verifyToken('abc', { ...opts, now })).toThrow('malformed token');
  });
});

describe('department scope', () => {
  it('binds staff and leads to their department and lets district roles see all', () => {
    expect(departmentScope(staff)).toEqual(['housing']);
    expect(maySeeDepartment(staff, 'housing')).toBe(true);
    expect(maySeeDepartment(staff, 'gov-office')).toBe(false);
    expect(maySeeDepartment(staff, null)).toBe(false);
    const supervisor: Principal = { ...staff, role: 'supervisor', departmentCode: null };
    expect(departmentScope(supervisor)).toBeUndefined();
    expect(maySeeDepartment(supervisor, null)).toBe(true);
    expect(departmentScope({ ...staff, departmentCode: null })).toEqual([]);
  });
});

describe('demo accounts', () => {
  it('has one account per district role and staff and lead per unit', () => {
    const names = demoAccounts([{ code: 'housing', name: '区住房保障和房屋管理局' }]).map((a) => a.username);
    expect(names).toEqual([
      'admin',
      'dispatcher',
      'supervisor',
      'analyst',
      'integration',
      'housing.staff',
      'housing.lead',
    ]);
  });
});

describe('OIDC tokens (RS256)', () => {
  const { generateKeyPairSync, createSign } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const oidc = {
    issuer: 'https://idp.example',
    audience: 'civic-hub',
    publicKey: pem,
    roleClaim: 'hub_role',
    departmentClaim: 'hub_department',
    now,
  };
  const sign = (claims: object, alg = 'RS256') => {
    const body = `${Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
  };
  const claims = {
    iss: 'https://idp.example',
    aud: ['civic-hub'],
    sub: 'u-1',
    preferred_username: 'zhang.san',
    name: '张三',
    hub_role: 'lead',
    hub_department: 'housing',
    exp: now.getTime() / 1000 + 300,
  };

  it("maps the provider's claims to a principal", () => {
    expect(verifyOidcToken(sign(claims), oidc)).toEqual({
      username: 'zhang.san',
      role: 'lead',
      departmentCode: 'housing',
      displayName: '张三',
    });
  });

  it('refuses a token of another audience, without a role, expired, or not RS256', () => {
    expect(() => verifyOidcToken(sign({ ...claims, aud: 'other' }), oidc)).toThrow('another audience');
    expect(() => verifyOidcToken(sign({ ...claims, hub_role: 'boss' }), oidc)).toThrow('no hub role');
    expect(() => verifyOidcToken(sign({ ...claims, exp: 1 }), oidc)).toThrow('expired');
    expect(() => verifyOidcToken(sign(claims, 'none'), oidc)).toThrow('unsupported token algorithm');
    const local = issueToken(staff, { ...opts, now }).accessToken;
    expect(() => verifyOidcToken(local, oidc)).toThrow('unsupported token algorithm');
  });
});
