import { allTopics, deadLetterTopicName, topicName } from './topics';

describe('topic catalogue', () => {
  it('names the versioned source topics of CONVENTIONS.md', () => {
    expect(topicName('shipments')).toBe('shipments.events.v1');
    expect(topicName('customs')).toBe('customs.events.v1');
    expect(topicName('notifications', 't42.')).toBe('t42.notifications.events.v1');
  });

  it('gives every source topic a dead-letter twin with six partitions', () => {
    const names = allTopics().map((t) => t.name);
    for (const key of ['shipments', 'customs', 'notifications'] as const) {
      expect(names).toContain(deadLetterTopicName(topicName(key)));
    }
    expect(allTopics().every((t) => t.partitions === 6)).toBe(true);
  });
});
