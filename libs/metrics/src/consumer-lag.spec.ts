import { consumerLag } from './consumer-lag';

describe('consumerLag', () => {
  const topic = 'shipments.events.v1';

  it('is the high watermark minus the committed offset, per partition', () => {
    const lag = consumerLag(
      topic,
      [
        { partition: 0, high: '120', low: '0' },
        { partition: 1, high: '40', low: '0' },
      ],
      [
        { partition: 0, offset: '100' },
        { partition: 1, offset: '40' },
      ],
    );
    expect(lag).toEqual([
      { topic, partition: 0, lag: 20 },
      { topic, partition: 1, lag: 0 },
    ]);
  });

  it('counts from the oldest record kept when the group has committed nothing there', () => {
    const lag = consumerLag(topic, [{ partition: 3, high: '75', low: '5' }], [{ partition: 3, offset: '-1' }]);
    expect(lag).toEqual([{ topic, partition: 3, lag: 70 }]);
  });

  it('counts from the oldest record kept when retention removed records past the commit', () => {
    expect(consumerLag(topic, [{ partition: 0, high: '900', low: '800' }], [{ partition: 0, offset: '10' }])).toEqual([
      { topic, partition: 0, lag: 100 },
    ]);
  });

  it('reports a partition missing from the committed offsets like an uncommitted one', () => {
    expect(consumerLag(topic, [{ partition: 5, high: '3', low: '0' }], [])).toEqual([{ topic, partition: 5, lag: 3 }]);
  });
});
