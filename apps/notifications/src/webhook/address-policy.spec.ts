import { refusalFor, urlProblem } from './address-policy';

const strict = { allowLoopback: false, allowPrivate: false };

describe('webhook address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.3.4', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd00::1', 'private'],
    ['169.254.1.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
  ])('refuses %s (%s)', (ip, reason) => {
    expect(refusalFor(ip, strict)).toContain(reason);
  });

  it('lets public addresses through, and loopback / private only when allowed', () => {
    expect(refusalFor('93.184.216.34', strict)).toBeUndefined();
    expect(refusalFor('2606:4700::1111', strict)).toBeUndefined();
    expect(refusalFor('127.0.0.1', { allowLoopback: true, allowPrivate: false })).toBeUndefined();
    expect(refusalFor('10.0.0.5', { allowLoopback: true, allowPrivate: false })).toContain('private');
    expect(refusalFor('10.0.0.5', { allowLoopback: false, allowPrivate: true })).toBeUndefined();
    expect(refusalFor('169.254.1.1', { allowLoopback: true, allowPrivate: true })).toContain('linkLocal');
  });

  it.each([
    '169.254.169.254',
    '169.254.170.2',
    '100.100.100.200',
    '::ffff:100.100.100.200',
    'fd00:ec2::254',
    'fd00:ec2:0:0:0:0:0:254',
    'fd20:ce::254',
    '168.63.129.16',
    '192.0.0.192',
  ])('refuses the cloud metadata address %s whatever the flags', (ip) => {
    for (const policy of [strict, { allowLoopback: true, allowPrivate: true }])
      expect(refusalFor(ip, policy)).toBe(`cloud metadata address ${ip}`);
    expect(
      urlProblem(`http://${ip.includes(':') ? `[${ip}]` : ip}/latest/meta-data`, {
        allowLoopback: true,
        allowPrivate: true,
      }),
    ).toMatch(/^cloud metadata address /);
  });

  it('still opens the rest of those ranges when private addresses are allowed', () => {
    const open = { allowLoopback: false, allowPrivate: true };
    expect(refusalFor('100.100.100.201', open)).toBeUndefined();
    expect(refusalFor('fd00:ec2::1', open)).toBeUndefined();
    expect(refusalFor('168.63.129.17', strict)).toBeUndefined();
  });

  it('checks subscription URLs before any connection', () => {
    expect(urlProblem('https://hooks.example.com/cargo', strict)).toBeUndefined();
    expect(urlProblem('ftp://example.com/x', strict)).toBe('must be http or https');
    expect(urlProblem('https://user:pw@example.com/', strict)).toBe('must not carry credentials');
    expect(urlProblem('http://169.254.169.254/latest/meta-data', strict)).toContain('cloud metadata');
    expect(urlProblem('http://[::ffff:192.168.1.1]/', strict)).toContain('private');
    expect(urlProblem('http://localhost:8080/', strict)).toContain('loopback');
    expect(urlProblem('not a url', strict)).toBe('not a URL');
  });
});
