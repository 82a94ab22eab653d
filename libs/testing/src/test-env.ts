/**
 * Names the test tiers use so they never disturb a running demo: their own database, and a topic,
 * consumer-group and index prefix unique to the run (tools/test.sh sets them; defaults for a
 * single jest run).
 */
export interface TestEnv {
  databaseUrl: string;
  kafkaBrokers: string[];
  searchUrl: string;
  topicPrefix: string;
  indexPrefix: string;
}

export function testEnv(tier: 'int' | 'e2e'): TestEnv {
  const run = process.env.HUB_TEST_RUN ?? `r${Date.now().toString(36)}`;
  return {
    databaseUrl: process.env.HUB_TEST_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/hub_test_${tier}`,
    kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    searchUrl: process.env.SEARCH_URL ?? 'http://127.0.0.1:9200',
    topicPrefix: `test-${run}-${tier}.`,
    indexPrefix: `test-${run}-${tier}-`,
  };
}
