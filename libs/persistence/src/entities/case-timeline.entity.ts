import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step in a case's history (table `case_timeline`). */
@Entity({ name: 'case_timeline' })
export class CaseTimelineEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @Column('text')
  type!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text')
  actor!: string;

  @Column('jsonb')
  data!: Record<string, unknown>;
}
