import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A case: the system of record for one routed message (table `case_record`). */
@Entity({ name: 'case_record' })
export class CaseRecordEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'message_id' })
  messageId!: string;

  @Column('text')
  channel!: string;

  @Column('text', { name: 'external_ref' })
  externalRef!: string;

  @Column('text')
  status!: string;

  @Column('text', { name: 'department_code', nullable: true })
  departmentCode!: string | null;

  @Column('text', { nullable: true })
  title!: string | null;

  /** Masked: personal data never sits here. */
  @Column('text')
  content!: string;

  @Column('text', { nullable: true })
  kind!: string | null;

  @Column('text')
  urgency!: string;

  @Column('text', { name: 'tracking_code', nullable: true })
  trackingCode!: string | null;

  @Column('text', { name: 'policy_doc_no', nullable: true })
  policyDocNo!: string | null;

  @Column('text', { nullable: true })
  street!: string | null;

  /** The registry entry of the cited 文号, when it is in the registry. */
  @Column('uuid', { name: 'policy_id', nullable: true })
  policyId!: string | null;

  @Column('double precision', { nullable: true })
  latitude!: number | null;

  @Column('double precision', { nullable: true })
  longitude!: number | null;

  @Column('text', { name: 'service_code', nullable: true })
  serviceCode!: string | null;

  /** How the case got its unit: `{ rule, confidence, reasons }`; null until triage has run. */
  @Column('jsonb', { nullable: true })
  routing!: { rule: string | null; confidence: number | null; reasons: Record<string, unknown> } | null;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt!: Date;

  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt!: Date | null;

  /** 首次响应 — the unit must accept (签收) by then. */
  @Column('timestamptz', { name: 'first_response_due_at', nullable: true })
  firstResponseDueAt!: Date | null;

  /** When a fifth of the answer time remains (the SLA warning). */
  @Column('timestamptz', { name: 'warn_at', nullable: true })
  warnAt!: Date | null;

  /** How each deadline was computed: `{ firstResponse, answer, history }`, shown to staff. */
  @Column('jsonb', { nullable: true })
  deadlines!: Record<string, unknown> | null;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt!: Date | null;

  @Column('timestamptz', { name: 'replied_at', nullable: true })
  repliedAt!: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('integer', { name: 'return_count' })
  returnCount!: number;

  @Column('boolean')
  arbitrated!: boolean;

  @Column('uuid', { name: 'merged_into', nullable: true })
  mergedInto!: string | null;

  @Column('timestamptz', { name: 'supervised_at', nullable: true })
  supervisedAt!: Date | null;

  @Column('jsonb', { name: 'extension_request', nullable: true })
  extensionRequest!: Record<string, unknown> | null;

  @Column('integer', { name: 'extended_days' })
  extendedDays!: number;

  @Column('integer', { name: 'reopen_count' })
  reopenCount!: number;

  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
