import { InvalidMessageError, type FieldProblem } from './invalid-message.error';

/** Decodes a Kafka value as UTF-8 JSON object, or throws {@link InvalidMessageError} saying why not. */
export function parseJsonObject(value: Buffer, maxBytes: number): Record<string, unknown> {
  if (value.length === 0) throw new InvalidMessageError([{ field: '(message)', problem: 'is empty' }]);
  if (value.length > maxBytes) {
    throw new InvalidMessageError([
      { field: '(message)', problem: `is ${value.length} bytes, more than ${maxBytes}` },
    ]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(value);
  } catch {
    throw new InvalidMessageError([{ field: '(message)', problem: 'is not valid UTF-8' }]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InvalidMessageError([{ field: '(message)', problem: `is not JSON (${(e as Error).message})` }]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidMessageError([{ field: '(message)', problem: 'must be a JSON object' }]);
  }
  return parsed as Record<string, unknown>;
}

/** Collects field problems while checking a decoded object against a contract. */
export class FieldChecker {
  constructor(
    private readonly obj: Record<string, unknown>,
    /** Prefix of field names, for nested objects (`caller.`, `attachments[0].`). */
    private readonly path = '',
    readonly problems: FieldProblem[] = [],
  ) {}

  private push(field: string, problem: string): void {
    this.problems.push({ field: `${this.path}${field}`, problem });
  }

  /** A nested object, checked by the returned checker (its problems land here), or null when absent. */
  object(field: string, opts: { required?: boolean } = {}): FieldChecker | null {
    const v = this.obj[field];
    if (v === undefined || v === null) {
      if (opts.required) this.push(field, 'is required');
      return null;
    }
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.push(field, 'must be an object');
      return null;
    }
    return new FieldChecker(v as Record<string, unknown>, `${this.path}${field}.`, this.problems);
  }

  /** An array of objects, each checked by its own checker; empty when absent. */
  objects(field: string, opts: { max?: number } = {}): FieldChecker[] {
    const v = this.obj[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.push(field, 'must be an array');
      return [];
    }
    if (opts.max !== undefined && v.length > opts.max)
      this.push(field, `must have at most ${opts.max} items`);
    return v.flatMap((item: unknown, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        this.push(`${field}[${i}]`, 'must be an object');
        return [];
      }
      return [
        new FieldChecker(item as Record<string, unknown>, `${this.path}${field}[${i}].`, this.problems),
      ];
    });
  }

  string(field: string, opts: { required?: boolean; max?: number; min?: number } = {}): string | null {
    const v = this.obj[field];
    if (v === undefined || v === null) {
      if (opts.required) this.push(field, 'is required');
      return null;
    }
    if (typeof v !== 'string') {
      this.push(field, `must be a string, not ${Array.isArray(v) ? 'an array' : typeof v}`);
      return null;
    }
    if (opts.min !== undefined && v.length < opts.min)
      this.push(field, `must have at least ${opts.min} characters`);
    if (opts.max !== undefined && v.length > opts.max)
      this.push(field, `must have at most ${opts.max} characters, has ${v.length}`);
    return v;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], opts: { required?: boolean } = {}): T | null {
    const v = this.string(field, opts);
    if (v === null) return null;
    if (!(allowed as readonly string[]).includes(v)) {
      this.push(field, `must be one of ${allowed.join(', ')}, not "${v}"`);
      return null;
    }
    return v as T;
  }

  /** An ISO 8601 timestamp with a date and time; answers it normalised to UTC ISO form. */
  timestamp(field: string, opts: { required?: boolean } = {}): string | null {
    const v = this.string(field, opts);
    if (v === null) return null;
    const ok =
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v) &&
      !Number.isNaN(Date.parse(v));
    if (!ok) {
      this.push(field, `must be an ISO 8601 timestamp such as 2026-11-28T09:30:00+08:00, not "${v}"`);
      return null;
    }
    return new Date(v).toISOString();
  }

  integer(field: string, opts: { required?: boolean; min?: number } = {}): number | null {
    const v = this.obj[field];
    if (v === undefined || v === null) {
      if (opts.required) this.push(field, 'is required');
      return null;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || (opts.min !== undefined && v < opts.min)) {
      this.push(field, `must be an integer${opts.min !== undefined ? ` ≥ ${opts.min}` : ''}`);
      return null;
    }
    return v;
  }

  boolean(field: string, opts: { required?: boolean } = {}): boolean | null {
    const v = this.obj[field];
    if (v === undefined || v === null) {
      if (opts.required) this.push(field, 'is required');
      return null;
    }
    if (typeof v !== 'boolean') {
      this.push(field, 'must be true or false');
      return null;
    }
    return v;
  }

  number(field: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | null {
    const v = this.obj[field];
    if (v === undefined || v === null) {
      if (opts.required) this.push(field, 'is required');
      return null;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.push(field, 'must be a number');
      return null;
    }
    if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
      this.push(field, `must be between ${opts.min ?? '-∞'} and ${opts.max ?? '∞'}`);
      return null;
    }
    return v;
  }

  stringArray(field: string): string[] {
    const v = this.obj[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      this.push(field, 'must be an array of strings');
      return [];
    }
    return v as string[];
  }

  /** Throws the collected problems, if any. */
  done(): void {
    if (this.problems.length > 0) throw new InvalidMessageError(this.problems);
  }
}
