import { BadRequestException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { CHANNELS } from '@hub/contracts';
import {
  DRILL_MEASURES,
  type DrillMeasure,
  METRICS_GROUPINGS,
  type MetricsGrouping,
  type Outcome,
  OUTCOMES,
  RATE_MEASURES,
} from '@hub/persistence';
import { PageQuery } from './page.query';

/** A date (`2026-03-31`, China time) or an ISO 8601 time with its offset. */
const PERIOD_BOUND = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const PERIOD_BOUND_MESSAGE =
  '$property must be a date YYYY-MM-DD (China time) or an ISO 8601 time with offset';

/** Which cases count: one channel, one unit (the filters metrics and analytics share). */
export class UnitFilterQuery {
  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: string;

  @ApiPropertyOptional({
    example: 'housing',
    description: 'One unit; department staff and leads always get their own (another one is 403)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  department?: string;
}

/** The selection every metrics route shares: the period (by received time) and the filters. */
export class MetricsFilterQuery extends UnitFilterQuery {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description:
      'Received from: a date (00:00 China time, inclusive) or an ISO time. Default: 1 January of this year.',
  })
  @IsOptional()
  @IsString()
  @Matches(PERIOD_BOUND, { message: PERIOD_BOUND_MESSAGE })
  @IsISO8601({ strict: true }, { message: PERIOD_BOUND_MESSAGE })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description:
      'Received up to: a date (its whole day, China time, inclusive) or an ISO time (exclusive). Default: now.',
  })
  @IsOptional()
  @IsString()
  @Matches(PERIOD_BOUND, { message: PERIOD_BOUND_MESSAGE })
  @IsISO8601({ strict: true }, { message: PERIOD_BOUND_MESSAGE })
  to?: string;
}

/** `GET /api/v1/metrics`. */
export class MetricsQuery extends MetricsFilterQuery {
  @ApiPropertyOptional({ enum: METRICS_GROUPINGS, default: 'department' })
  @IsOptional()
  @IsIn(METRICS_GROUPINGS)
  groupBy: MetricsGrouping = 'department';
}

/** `GET /api/v1/metrics/cases`: the cases behind one number. */
export class MetricsCasesQuery extends IntersectionType(PageQuery(200), MetricsFilterQuery) {
  @ApiProperty({ enum: DRILL_MEASURES })
  @IsIn(DRILL_MEASURES)
  measure!: DrillMeasure;

  @ApiPropertyOptional({
    enum: OUTCOMES,
    description:
      'Rates only: met = the numerator, missed = the denominator minus the numerator; absent = the denominator',
  })
  @IsOptional()
  @IsIn(OUTCOMES)
  @ValidateBy({
    name: 'outcomeOfRate',
    validator: {
      validate: (_: unknown, args) =>
        (RATE_MEASURES as readonly string[]).includes((args?.object as MetricsCasesQuery).measure),
      defaultMessage: () => `outcome applies to the rates only (${RATE_MEASURES.join(', ')})`,
    },
  })
  outcome?: Outcome;
}

/** `GET /api/v1/metrics/export.xlsx`. */
export class MetricsExportQuery extends MetricsFilterQuery {}

/** The period of a metrics request: cases received in `[from, to)`. */
export interface MetricsPeriod {
  from: Date;
  to: Date;
}

const DAY_MS = 24 * 3600 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A 400 in the validation pipe's shape, naming the field. */
function fieldError(field: string, problem: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `${field}: ${problem}`,
    errors: [{ field, problems: [problem] }],
  });
}

/** 1 January, 00:00 China time, of the China year an instant falls in. */
function startOfChinaYear(at: Date): Date {
  const year = new Date(at.getTime() + 8 * 3600 * 1000).getUTCFullYear();
  return new Date(`${year}-01-01T00:00:00+08:00`);
}

/**
 * The period of validated `from`/`to` (see MetricsFilterQuery): a date is a China calendar day —
 * `from` its start, `to` its end (China has one zone and no daylight saving: a day is 24 h); an ISO
 * time is that instant, `to` exclusive. Defaults: `to` now, `from` 1 January of `to`'s year
 * (the current year to date). 400 naming `to` when the period is empty.
 */
export function metricsPeriod(q: { from?: string; to?: string }, now: Date): MetricsPeriod {
  const to = q.to
    ? DATE_ONLY.test(q.to)
      ? new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + DAY_MS)
      : new Date(q.to)
    : now;
  const from = q.from
    ? new Date(DATE_ONLY.test(q.from) ? `${q.from}T00:00:00+08:00` : q.from)
    : startOfChinaYear(new Date(to.getTime() - 1));
  if (from.getTime() >= to.getTime()) throw fieldError('to', 'must be after from (the period is empty)');
  return { from, to };
}
