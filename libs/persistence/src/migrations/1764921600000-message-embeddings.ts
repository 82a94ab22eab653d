import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Sentence vectors of clustered messages (共性问题归集), so the clusterer rebuilds its index at start
 * without running the model over every case again. One row per case and model; a vector of another
 * model is ignored and replaced.
 */
export class MessageEmbeddings1764921600000 implements MigrationInterface {
  name = 'MessageEmbeddings1764921600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_embedding (
        case_id  uuid  NOT NULL,
        model    text  NOT NULL,
        vector   bytea NOT NULL,
        CONSTRAINT pk_message_embedding PRIMARY KEY (case_id),
        CONSTRAINT fk_message_embedding_case FOREIGN KEY (case_id) REFERENCES case_record (id) ON DELETE CASCADE
      )`);
    await q.query(
      `COMMENT ON TABLE message_embedding IS 'Sentence vector (float32, little-endian) of a case''s masked text, by the named model'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE message_embedding`);
  }
}
