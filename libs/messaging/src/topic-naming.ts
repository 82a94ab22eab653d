/**
 * Resolves contract topic names and consumer groups to the names used on the broker. The prefix is
 * empty in production; tests set one so they can share a broker with a running demo.
 */
export class TopicNaming {
  constructor(readonly prefix = '') {}

  topic(name: string): string {
    return `${this.prefix}${name}`;
  }

  group(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** The contract name of a broker topic, or null when it does not carry this prefix. */
  contractName(brokerTopic: string): string | null {
    return brokerTopic.startsWith(this.prefix) ? brokerTopic.slice(this.prefix.length) : null;
  }
}
