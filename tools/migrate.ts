import { loadConfig, CommonConfig } from '@hub/config';
import { migrate } from '@hub/persistence';

/** `node tools/run.js migrate`: creates the database when missing and applies pending migrations. */
async function main(): Promise<void> {
  const config = loadConfig('migrate', CommonConfig);
  const applied = await migrate(config.DATABASE_URL);
  const db = new URL(config.DATABASE_URL).pathname.slice(1);
  process.stderr.write(
    applied.length ? `migrated ${db}: ${applied.join(', ')}\n` : `database ${db} is up to date\n`,
  );
}

main().catch((e: unknown) => {
  console.error(`migrate failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
