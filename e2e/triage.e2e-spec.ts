import { randomUUID } from 'node:crypto';
import { type ChildProcess } from 'node:child_process';
import { Topics } from '@hub/contracts';
import { KafkaPublisher, TopicNaming } from '@hub/messaging';
import { expectEventually, groupLag } from '@hub/testing';
import { callAs, e2eKafka, startService, stopped, TOPIC_PREFIX, topicMessages } from './e2e-kit';

const run = `t${randomUUID().slice(0, 8)}`;
let intake: ChildProcess;

beforeAll(() => {
  intake = startService('intake', 'e2e-intake-triage.log');
});

afterAll(async () => {
  intake.kill('SIGTERM');
  await stopped(intake);
});

async function sendTicket(ticketId: string, content: string, extra: Record<string, unknown> = {}) {
  const publisher = new KafkaPublisher(e2eKafka(), new TopicNaming(TOPIC_PREFIX));
  try {
    const ticket = {
      ticketId,
      receivedAt: '2026-11-28T09:15:00+08:00',
      kind: 'complaint',
      content,
      ...extra,
    };
    await publisher.publish(Topics.hotlineTickets, [{ key: ticketId, value: JSON.stringify(ticket) }]);
  } finally {
    await publisher.disconnect();
  }
}

/** The case of a ticket once triage has decided (routed or queued). */
async function routedCase(ticketId: string) {
  return expectEventually(
    async () => {
      const list = await callAs('admin', 'GET', `/api/v1/cases?externalRef=${ticketId}`);
      const c = list.json.items[0];
      if (!c || c.status === 'received') return undefined;
      return (await callAs('admin', 'GET', `/api/v1/cases/${c.id}`)).json;
    },
    { timeoutMs: 30000, what: `${ticketId} triaged` },
  );
}

describe('triage through Kafka', () => {
  it('routes a hotline ticket citing 静府办发〔2026〕4号 to 区政府办公室 by the policy rule', async () => {
    await sendTicket(`${run}-policy`, '市民来电咨询静府办发〔2026〕4号文件中政府开放月活动的报名方式。', {
      kind: 'consultation',
    });
    const c = await routedCase(`${run}-policy`);
    expect(c).toMatchObject({
      departmentCode: 'gov-office',
      status: 'assigned',
      routing: { rule: 'policy', confidence: 1 },
    });
    expect(JSON.stringify(c.routing.reasons)).toContain('静府办发〔2026〕4号');
    expect(c.timeline.map((t: { type: string }) => t.type)).toEqual(['case.created', 'case.routed']);
  });

  it('routes an unambiguous housing complaint to the housing bureau by the classifier, with its reasons', async () => {
    await sendTicket(
      `${run}-housing`,
      '我们小区物业公司长期不作为，电梯坏了一个多月没人修，业主交了物业费却没有任何服务，要求房管部门督促物业整改。',
    );
    const c = await routedCase(`${run}-housing`);
    expect(c).toMatchObject({
      departmentCode: 'housing',
      status: 'assigned',
      routing: { rule: 'classifier' },
    });
    expect(c.routing.confidence).toBeGreaterThanOrEqual(0.5);
    expect(c.routing.reasons.terms.length).toBeGreaterThan(0);
    expect(c.routing.reasons.scores[0].label).toBe('housing');
  });

  it('leaves gibberish in the dispatcher queue, with the scores that were too low', async () => {
    await sendTicket(`${run}-gibberish`, 'asdkjh qwpeoiru zxmcnv 啊啊啊 ？？？ 1234');
    const c = await routedCase(`${run}-gibberish`);
    expect(c).toMatchObject({
      departmentCode: null,
      status: 'pending-dispatch',
      routing: { rule: null, reasons: { queue: 'dispatcher' } },
    });
  });

  it('emits case.routed on hub.case-events.v1, and routes a redelivered case.created only once', async () => {
    const c = (await callAs('admin', 'GET', `/api/v1/cases?externalRef=${run}-policy`)).json.items[0];
    const onTopic = (await topicMessages(Topics.caseEvents))
      .map((m) => m.value!.toString())
      .filter((v) => v.includes(c.id));
    const types = onTopic.map((v) => (JSON.parse(v) as { type: string }).type);
    expect(types).toEqual(['case.created', 'case.routed']);
    const routed = JSON.parse(onTopic[1]) as {
      version: number;
      departmentCode: string;
      data: { rule: string };
    };
    expect(routed).toMatchObject({ version: 2, departmentCode: 'gov-office', data: { rule: 'policy' } });

    // Redeliver case.created: triage sees the case is past version 1 and writes nothing.
    const publisher = new KafkaPublisher(e2eKafka(), new TopicNaming(TOPIC_PREFIX));
    await publisher.publish(Topics.caseEvents, [{ key: c.id, value: onTopic[0] }]);
    await publisher.disconnect();
    await expectEventually(
      async () =>
        (await groupLag(e2eKafka(), `${TOPIC_PREFIX}triage`, `${TOPIC_PREFIX}${Topics.caseEvents}`)) === 0,
      {
        what: 'triage caught up',
      },
    );
    const after = (await callAs('admin', 'GET', `/api/v1/cases/${c.id}`)).json;
    expect(after.version).toBe(2);
    expect(after.timeline.filter((t: { type: string }) => t.type === 'case.routed')).toHaveLength(1);
  });
});
