import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type Response } from 'express';
import { WorkflowError, type WorkflowErrorKind } from '@hub/cases';
import { InvalidMessageError } from '@hub/contracts';
import { ClusterError } from '@hub/persistence';

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

const WORKFLOW_STATUS: Record<WorkflowErrorKind, [number, string]> = {
  forbidden: [403, 'Forbidden'],
  'not-found': [404, 'Not Found'],
  conflict: [409, 'Conflict'],
  invalid: [400, 'Bad Request'],
};

/**
 * A refused workflow step: 403 for the wrong role, 404 for a case the caller may not see, 409 for a
 * step the case's state does not allow, 400 for a bad reference (the field is named first).
 */
@Catch(WorkflowError)
export class WorkflowErrorFilter implements ExceptionFilter {
  catch(error: WorkflowError, host: ArgumentsHost): void {
    const [statusCode, text] = WORKFLOW_STATUS[error.kind];
    const field = error.kind === 'invalid' ? /^(\w+):/.exec(error.message)?.[1] : undefined;
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(statusCode)
      .json({
        statusCode,
        error: text,
        message: error.message,
        ...(field ? { errors: [{ field, problems: [error.message] }] } : {}),
      });
  }
}

/** A refused cluster or shared-answer operation: 404 (unknown) or 409 (not possible now). */
@Catch(ClusterError)
export class ClusterErrorFilter implements ExceptionFilter {
  catch(error: ClusterError, host: ArgumentsHost): void {
    const [statusCode, text] = error.kind === 'not-found' ? [404, 'Not Found'] : [409, 'Conflict'];
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(statusCode)
      .json({ statusCode, error: text, message: error.message });
  }
}
