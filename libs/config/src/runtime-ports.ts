import { randomBytes, randomUUID } from 'node:crypto';

/** Port: the time. Use cases take it injected so tests can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Port: new identifiers. */
export interface IdGenerator {
  uuid(): string;
  /** A short code a citizen can type: 12 characters of Crockford base32 (no I, L, O, U). */
  trackingCode(): string;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const randomIds: IdGenerator = {
  uuid: () => randomUUID(),
  trackingCode: () => Array.from(randomBytes(12), (b) => CROCKFORD[b & 31]).join(''),
};
