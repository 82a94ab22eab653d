import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type Response } from 'express';
import { RegistryError } from '@hub/persistence';

const STATUS = { 'not-found': 404, conflict: 409, invalid: 400 } as const;
const ERROR = { 'not-found': 'Not Found', conflict: 'Conflict', invalid: 'Bad Request' } as const;

/**
 * A refused registry write answers 404 (unknown code, id or version), 409 (duplicate, or a change
 * that would leave something dangling) or 400, in the validation pipe's shape with the field named:
 * `{ statusCode, error, message, errors: [{ field, problems }] }`.
 */
@Catch(RegistryError)
export class RegistryErrorFilter implements ExceptionFilter {
  catch(error: RegistryError, host: ArgumentsHost): void {
    const status = STATUS[error.kind];
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(status)
      .json({
        statusCode: status,
        error: ERROR[error.kind],
        message: error.field ? `${error.field}: ${error.message}` : error.message,
        errors: error.field ? [{ field: error.field, problems: [error.message] }] : [],
      });
  }
}
