import { type EntityManager } from 'typeorm';

/**
 * The one idempotent-consumer helper: records that `consumer` handled `eventKey`, inside the
 * caller's transaction. Answers false when it was handled before: the caller then writes nothing,
 * and because the key commits with the effect, a crash can never leave one without the other.
 */
export async function claimEvent(
  manager: EntityManager,
  consumer: string,
  eventKey: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO processed_event (consumer, event_key) VALUES ($1, $2)
     ON CONFLICT ON CONSTRAINT pk_processed_event DO NOTHING RETURNING 1`,
    [consumer, eventKey],
  );
  return rows.length === 1;
}
