import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { DeadLetterHeaders, Topics } from '@hub/contracts';
import { KafkaPublisher, TopicNaming } from '@hub/messaging';
import { expectEventually, groupLag } from '@hub/testing';
import {
  callAs,
  e2eKafka,
  HUB_ENV,
  ROOT,
  startService,
  stopped,
  TOPIC_PREFIX,
  topicMessages,
} from './e2e-kit';

const hub = (...args: string[]) =>
  execFileSync('node', ['tools/run.js', 'cli', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...HUB_ENV },
  }).toString();

describe('dead-letter replay', () => {
  it('sends dead-lettered tickets back: a fixed one becomes a case, a still-invalid one returns to the DLT', async () => {
    const run = `r${randomUUID().slice(0, 8)}`;
    const intake = startService('intake', 'e2e-intake-replay.log');
    const publisher = new KafkaPublisher(e2eKafka(), new TopicNaming(TOPIC_PREFIX));
    try {
      // As if the database had been down for longer than the retries: a valid ticket on the DLT.
      const ok = {
        ticketId: `${run}-ok`,
        receivedAt: '2026-11-28T09:15:00+08:00',
        kind: 'help',
        content: '求助：老人独居需要上门照护',
      };
      await publisher.publish(`${Topics.hotlineTickets}.dlt`, [
        {
          key: ok.ticketId,
          value: JSON.stringify(ok),
          headers: {
            'x-trace': run,
            [DeadLetterHeaders.sourceTopic]: `${TOPIC_PREFIX}${Topics.hotlineTickets}`,
            [DeadLetterHeaders.error]: 'database unavailable',
          },
        },
      ]);
      // And one that is invalid in itself, through the normal path.
      await publisher.publish(Topics.hotlineTickets, [
        { key: `${run}-bad`, value: JSON.stringify({ ticketId: `${run}-bad`, kind: 'help' }) },
      ]);
      await expectEventually(async () =>
        (await topicMessages(`${Topics.hotlineTickets}.dlt`)).some((m) => m.key?.toString() === `${run}-bad`),
      );

      const listed = hub('dlt', 'replay', '--topic', Topics.hotlineTickets, '--dry-run')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { key: string; error: string });
      expect(listed.find((l) => l.key === `${run}-ok`)?.error).toBe('database unavailable');
      expect(listed.find((l) => l.key === `${run}-bad`)?.error).toContain('receivedAt: is required');
      const before = (await topicMessages(`${Topics.hotlineTickets}.dlt`)).length;

      const replayed = JSON.parse(hub('dlt', 'replay', '--topic', Topics.hotlineTickets)) as {
        replayed: number;
      };
      expect(replayed.replayed).toBe(before);
      const c = await expectEventually(
        async () => (await callAs('admin', 'GET', `/api/v1/cases?externalRef=${run}-ok`)).json.items[0],
      );
      expect(c).toMatchObject({ channel: 'hotline', kind: 'help' });
      await expectEventually(
        async () =>
          (await groupLag(e2eKafka(), `${TOPIC_PREFIX}intake`, `${TOPIC_PREFIX}${Topics.hotlineTickets}`)) ===
          0,
      );
      const after = await topicMessages(`${Topics.hotlineTickets}.dlt`);
      const badCopies = after.filter((m) => m.key?.toString() === `${run}-bad`);
      expect(badCopies).toHaveLength(2); // dead-lettered again: nothing lost
      // The replayed copy kept the producer's own headers, not the old dead-letter ones.
      const okOnSource = (await topicMessages(Topics.hotlineTickets)).find(
        (m) => m.key?.toString() === `${run}-ok`,
      );
      expect(okOnSource?.headers?.['x-trace']?.toString()).toBe(run);
      expect(okOnSource?.headers?.[DeadLetterHeaders.error]).toBeUndefined();
    } finally {
      await publisher.disconnect();
      intake.kill('SIGTERM');
      await stopped(intake);
    }
  }, 120000);
});
