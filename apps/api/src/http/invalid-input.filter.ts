import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type Response } from 'express';
import { InvalidMessageError } from '@hub/contracts';

/**
 * A contract check that failed on an HTTP body (the same checks the Kafka consumers use) answers
 * 400 in the validation pipe's shape: `{ statusCode, error, message, errors: [{ field, problems }] }`.
 */
@Catch(InvalidMessageError)
export class InvalidInputFilter implements ExceptionFilter {
  catch(error: InvalidMessageError, host: ArgumentsHost): void {
    const byField = new Map<string, string[]>();
    for (const p of error.problems)
      byField.set(p.field, [...(byField.get(p.field) ?? []), `${p.field} ${p.problem}`]);
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(400)
      .json({
        statusCode: 400,
        error: 'Bad Request',
        message: error.message,
        errors: [...byField].map(([field, problems]) => ({ field, problems })),
      });
  }
}
