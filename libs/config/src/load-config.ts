import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** Thrown when the environment does not describe a runnable process; lists every problem at once. */
export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly problems: string[],
  ) {
    super(`${app}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const own = Object.values(e.constraints ?? {});
    return [
      ...(own.length > 0 ? [`${prefix}${e.property}: ${own.join('; ')}`] : []),
      ...describe(e.children ?? [], `${prefix}${e.property}.`),
    ];
  });
}

/**
 * Builds one app's validated configuration from the environment. The config class names each
 * variable as a property (e.g. `DATABASE_URL`) with its default and its class-validator rules; a
 * process refuses to start with the whole list of what is wrong. Numeric properties need an
 * explicit `: number` annotation: the conversion reads the emitted type metadata.
 */
export function loadConfig<T extends object>(
  app: string,
  cls: ClassConstructor<T>,
  env: Record<string, string | undefined> = process.env,
): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(cls, defined, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  const problems = describe(errors);
  const extra = (config as { check?: () => string[] }).check?.() ?? [];
  if (problems.length + extra.length > 0) throw new ConfigError(app, [...problems, ...extra]);
  return config;
}
