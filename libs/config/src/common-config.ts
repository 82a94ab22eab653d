import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const HUB_ENVS = ['local', 'test', 'production'] as const;
export type HubEnv = (typeof HUB_ENVS)[number];

/** Settings every hub process shares. Apps extend it with their own. */
export class CommonConfig {
  /** local: demo accounts and defaults; test: the test tiers; production: no demo anything. */
  @IsIn(HUB_ENVS)
  HUB_ENV: HubEnv = 'local';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/hub';

  /** Comma-separated host:port list. */
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'must be host:port[,host:port…]' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  SEARCH_URL = 'http://127.0.0.1:9200';

  /** Prepended to every topic and consumer group: lets tests share a broker with a running demo. */
  @IsOptional()
  @Matches(/^[a-z0-9._-]*$/, { message: 'may hold only a-z, 0-9, ".", "_" and "-"' })
  HUB_TOPIC_PREFIX = '';

  /** Prepended to every search index name, for the same reason. */
  @IsOptional()
  @Matches(/^[a-z0-9._-]*$/, { message: 'may hold only a-z, 0-9, ".", "_" and "-"' })
  SEARCH_INDEX_PREFIX = '';

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** How many times a failing Kafka message is tried before it is dead-lettered. */
  @IsInt()
  @Min(1)
  @Max(20)
  KAFKA_MAX_ATTEMPTS: number = 5;

  @IsString()
  KAFKA_CLIENT_ID = 'civic-hub';

  /**
   * Administrator overrides of the working-day calendar, as JSON:
   * `[{"date":"2027-02-08","kind":"holiday","name":"春节"},{"date":"2027-02-20","kind":"workday"}]` —
   * for years the calendar package does not know yet, or local decisions. Every process that
   * computes deadlines (case service, API) reads the same value.
   */
  @IsOptional()
  @IsString()
  HUB_CALENDAR_OVERRIDES = '';

  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',');
  }
}
