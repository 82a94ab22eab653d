import { applyDecorators, BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  calendarBuckets,
  chinaMonthOf,
  HOT_TOPIC_WINDOWS,
  type HotTopicWindow,
  MAX_VOLUME_BUCKETS,
  monthPeriod,
  type Period,
  VOLUME_GROUPINGS,
  VOLUME_INTERVALS,
  type VolumeGrouping,
  type VolumeInterval,
} from '@hub/persistence';
import { MetricsFilterQuery, UnitFilterQuery } from './metrics.query';

/** A date (`2026-11-20`, China time) or an ISO 8601 time with its offset (as the metrics' `to`). */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const INSTANT_MESSAGE = '$property must be a date YYYY-MM-DD (China time) or an ISO 8601 time with offset';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600 * 1000;

/** `street`: a street office code (or a street a source gave that names no known office). */
const StreetFilter = () =>
  applyDecorators(
    ApiPropertyOptional({
      example: 'caojiadu',
      description:
        'A street office code (or the street text a source gave, when it names no street office in the directory)',
    }),
    IsOptional(),
    IsString(),
    MaxLength(100),
  );

/** `limit`: how many items, 1 … max. */
const Limit = (byDefault: number, max: number) =>
  applyDecorators(
    ApiPropertyOptional({ default: byDefault, maximum: max }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );

/** The filters the analytics routes share: which cases count. */
export class AnalyticsFilterQuery extends UnitFilterQuery {
  @StreetFilter()
  street?: string;
}

/** `GET /api/v1/analytics/hot-topics`. */
export class HotTopicsQuery extends AnalyticsFilterQuery {
  @ApiPropertyOptional({
    enum: HOT_TOPIC_WINDOWS,
    default: 'week',
    description: 'week = 7 days, month = 30 days',
  })
  @IsOptional()
  @IsIn(HOT_TOPIC_WINDOWS)
  window: HotTopicWindow = 'week';

  @ApiPropertyOptional({
    example: '2026-11-20',
    description:
      'End of the current window: a date (its whole day included, China time) or an ISO time (exclusive). Default: now.',
  })
  @IsOptional()
  @IsString()
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE })
  at?: string;

  @Limit(20, 100)
  limit: number = 20;
}

/** `GET /api/v1/analytics/monthly-questions`. */
export class MonthlyQuestionsQuery extends AnalyticsFilterQuery {
  @ApiPropertyOptional({
    example: '2026-11',
    description: 'A month YYYY-MM (China time). Default: this month.',
  })
  @IsOptional()
  @IsString()
  @Matches(MONTH, { message: '$property must be a month YYYY-MM' })
  month?: string;

  @Limit(10, 50)
  limit: number = 10;
}

/** `GET /api/v1/analytics/volume`: the period and unit filters of the measures, plus grouping. */
export class VolumeQuery extends MetricsFilterQuery {
  @ApiPropertyOptional({ enum: VOLUME_GROUPINGS, default: 'channel' })
  @IsOptional()
  @IsIn(VOLUME_GROUPINGS)
  groupBy: VolumeGrouping = 'channel';

  @ApiPropertyOptional({ enum: VOLUME_INTERVALS, default: 'week', description: 'day, ISO week or month' })
  @IsOptional()
  @IsIn(VOLUME_INTERVALS)
  interval: VolumeInterval = 'week';

  @StreetFilter()
  street?: string;
}

/** `GET /api/v1/analytics/export.xlsx`. */
export class AnalyticsExportQuery extends AnalyticsFilterQuery {
  @ApiPropertyOptional({
    example: '2026-11',
    description: 'A month YYYY-MM (China time). Default: this month.',
  })
  @IsOptional()
  @IsString()
  @Matches(MONTH, { message: '$property must be a month YYYY-MM' })
  month?: string;
}

/** A 400 in the validation pipe's shape, naming the field. */
function fieldError(field: string, problem: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `${field}: ${problem}`,
    errors: [{ field, problems: [problem] }],
  });
}

/**
 * The end of the hot-topics window from a validated `at`: a date is the end of that China day (the
 * day included), an ISO time that instant; default now.
 */
export function windowEnd(at: string | undefined, now: Date): Date {
  if (!at) return now;
  return DATE_ONLY.test(at) ? new Date(new Date(`${at}T00:00:00+08:00`).getTime() + DAY_MS) : new Date(at);
}

/** The month of a validated `month` (default: the China month of `now`) as a period. */
export function analyticsMonth(month: string | undefined, now: Date): Period & { month: string } {
  const m = month ?? chinaMonthOf(now);
  return { month: m, ...monthPeriod(m) };
}

/** 400 naming `interval` when the period would need more buckets than one answer holds. */
export function checkBuckets(period: Period, interval: VolumeInterval): void {
  if (calendarBuckets(period, interval).length > MAX_VOLUME_BUCKETS)
    throw fieldError(
      'interval',
      `the period needs more than ${MAX_VOLUME_BUCKETS} ${interval} buckets: choose a longer interval or a shorter period`,
    );
}
