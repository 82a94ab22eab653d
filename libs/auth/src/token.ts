import { createHmac, createVerify, timingSafeEqual } from 'node:crypto';
import { type Principal, isRole } from './roles';

/** Why a bearer token was refused; the guard answers 401 with this text. */
export class TokenError extends Error {}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function sign(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

/**
 * A short-lived access token: a JWT signed with HS256 carrying the principal (`sub`, `role`,
 * `dept`), issued and checked by the API alone. An OIDC provider's tokens would be checked by the
 * same guard with the provider's key instead (see the README's access section).
 */
export function issueToken(
  principal: Principal,
  opts: { secret: string; ttlSeconds: number; now: Date; issuer: string },
): { accessToken: string; expiresAt: Date } {
  const iat = Math.floor(opts.now.getTime() / 1000);
  const exp = iat + opts.ttlSeconds;
  const claims = {
    iss: opts.issuer,
    sub: principal.username,
    role: principal.role,
    dept: principal.departmentCode,
    name: principal.displayName,
    iat,
    exp,
  };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return { accessToken: `${body}.${sign(body, opts.secret)}`, expiresAt: new Date(exp * 1000) };
}

/** The principal a valid, unexpired token names; throws TokenError otherwise. */
export function verifyToken(token: string, opts: { secret: string; now: Date; issuer: string }): Principal {
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenError('malformed token');
  const [header, payload, signature] = parts;
  if (header !== HEADER) throw new TokenError('unsupported token header');
  const expected = Buffer.from(sign(`${header}.${payload}`, opts.secret));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new TokenError('bad token signature');
  }
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new TokenError('malformed token payload');
  }
  if (claims.iss !== opts.issuer) throw new TokenError('token from another issuer');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= opts.now.getTime()) {
    throw new TokenError('token expired');
  }
  if (typeof claims.sub !== 'string' || !isRole(claims.role))
    throw new TokenError('token names no principal');
  return {
    username: claims.sub,
    role: claims.role,
    departmentCode: typeof claims.dept === 'string' ? claims.dept : null,
    displayName: typeof claims.name === 'string' ? claims.name : claims.sub,
  };
}

export interface OidcOptions {
  issuer: string;
  audience: string;
  /** The provider's signing key (PEM, RS256). */
  publicKey: string;
  /** Claims that carry the hub role and the unit code (mapped in the provider). */
  roleClaim: string;
  departmentClaim: string;
  now: Date;
}

/**
 * A token from an OpenID Connect provider (RS256, the provider's key from configuration): the
 * same principal as a local token, from the claims the provider is configured to send.
 */
export function verifyOidcToken(token: string, opts: OidcOptions): Principal {
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenError('malformed token');
  const [header, payload, signature] = parts;
  let claims: Record<string, unknown>;
  try {
    const h = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    if (h.alg !== 'RS256') throw new TokenError(`unsupported token algorithm ${String(h.alg)}`);
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TokenError) throw e;
    throw new TokenError('malformed token');
  }
  const ok = createVerify('RSA-SHA256')
    .update(`${header}.${payload}`)
    .verify(opts.publicKey, Buffer.from(signature, 'base64url'));
  if (!ok) throw new TokenError('bad token signature');
  if (claims.iss !== opts.issuer) throw new TokenError('token from another issuer');
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(opts.audience)) throw new TokenError('token for another audience');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= opts.now.getTime())
    throw new TokenError('token expired');
  const role = claims[opts.roleClaim];
  if (typeof claims.sub !== 'string' || !isRole(role))
    throw new TokenError(`token has no hub role in ${opts.roleClaim}`);
  const dept = claims[opts.departmentClaim];
  const username = typeof claims.preferred_username === 'string' ? claims.preferred_username : claims.sub;
  return {
    username,
    role,
    departmentCode: typeof dept === 'string' ? dept : null,
    displayName: typeof claims.name === 'string' ? claims.name : username,
  };
}
