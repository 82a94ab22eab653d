import { type EntityManager } from 'typeorm';

/** Adds a message to the outbox inside the caller's transaction; the relay publishes it after commit. */
export async function writeOutbox(
  manager: EntityManager,
  message: { topic: string; key: string | null; payload: object; headers?: Record<string, string> },
): Promise<void> {
  await manager.query(`INSERT INTO outbox (topic, key, payload, headers) VALUES ($1, $2, $3, $4)`, [
    message.topic,
    message.key,
    JSON.stringify(message.payload),
    JSON.stringify(message.headers ?? {}),
  ]);
}
