import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldErrors {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldErrors[] {
  return errors.flatMap((e) => {
    const field = `${prefix}${e.property}`;
    const own = Object.values(e.constraints ?? {});
    return [...(own.length ? [{ field, problems: own }] : []), ...flatten(e.children ?? [], `${field}.`)];
  });
}

/**
 * The one validation pipe: unknown fields are rejected, and a 400 names every field and its
 * problems: `{ statusCode, error, message, errors: [{ field, problems }] }`.
 */
export function hubValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: fields.map((f) => `${f.field}: ${f.problems.join('; ')}`).join(' | '),
        errors: fields,
      });
    },
  });
}
