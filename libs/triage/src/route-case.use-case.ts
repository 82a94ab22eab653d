import { type CaseEventV1, type CaseCreatedDataV1 } from '@hub/contracts';
import { type Clock, type IdGenerator } from '@hub/config';
import { type RegistryPolicy, routeMessage, type RoutingDecision, type StreetOffice } from './route-message';
import { TextClassifier } from './text-classifier';

/** Port: the directory triage routes with (policies and street offices). */
export interface TriageDirectory {
  policies(): Promise<RegistryPolicy[]>;
  streets(): Promise<StreetOffice[]>;
}

/** Port: the active classifier model, if any (versioned; activation takes effect without restart). */
export interface ModelSource {
  active(): Promise<{ version: number; model: unknown } | null>;
}

/**
 * Port: writes a routing decision — the case's unit, status and routing, a timeline entry and the
 * `case.routed` outbox row — only while the case still waits for routing (status `received`), so a
 * redelivered `case.created` routes nothing twice; the event's version is the one the write
 * produced (another step, e.g. an SLA warning, may have come first). Answers whether it wrote.
 */
export interface TriageStore {
  route(caseId: string, decision: RoutingDecision, event: CaseEventV1): Promise<boolean>;
}

export const TRIAGE_DIRECTORY = Symbol('TriageDirectory');
export const MODEL_SOURCE = Symbol('ModelSource');
export const TRIAGE_STORE = Symbol('TriageStore');

/** 派单 — routes a newly created case: policy, classifier, street office, or the dispatcher's queue. */
export class RouteCaseUseCase {
  private loaded: { version: number; classifier: TextClassifier } | null = null;

  constructor(
    private readonly directory: TriageDirectory,
    private readonly models: ModelSource,
    private readonly store: TriageStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly threshold: number,
  ) {}

  async execute(
    created: CaseEventV1<CaseCreatedDataV1>,
  ): Promise<{ routed: boolean; decision: RoutingDecision }> {
    const [policies, streets, classifier] = await Promise.all([
      this.directory.policies(),
      this.directory.streets(),
      this.classifier(),
    ]);
    const d = created.data;
    const decision = routeMessage(
      { title: d.title, content: d.content, policyDocNo: d.policyDocNo, street: d.street },
      {
        policy: (docNo) => policies.find((p) => p.docNo === docNo) ?? null,
        classify: (input) =>
          classifier ? { ...classifier.classifier.predict(input), modelVersion: classifier.version } : null,
        streets,
        threshold: this.threshold,
      },
    );
    const event: CaseEventV1 = {
      eventId: this.ids.uuid(),
      type: 'case.routed',
      version: created.version + 1,
      occurredAt: this.clock.now().toISOString(),
      caseId: created.caseId,
      channel: created.channel,
      externalRef: created.externalRef,
      departmentCode: decision.departmentCode,
      status: decision.departmentCode ? 'assigned' : 'pending-dispatch',
      dueAt: created.dueAt,
      data: { rule: decision.rule, confidence: decision.confidence, reasons: decision.reasons },
    };
    const routed = await this.store.route(created.caseId, decision, event);
    return { routed, decision };
  }

  /** The active model, reloaded when another version is activated. */
  private async classifier(): Promise<{ version: number; classifier: TextClassifier } | null> {
    const active = await this.models.active();
    if (!active) return (this.loaded = null);
    if (this.loaded?.version !== active.version)
      this.loaded = { version: active.version, classifier: TextClassifier.fromJSON(active.model) };
    return this.loaded;
  }
}
