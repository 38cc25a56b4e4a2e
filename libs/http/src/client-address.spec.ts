import { clientAddressOf } from './client-address';

describe('clientAddressOf', () => {
  it('counts an IPv4 address as itself, also when it arrives IPv4-mapped', () => {
    expect(clientAddressOf('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every IPv6 address of one /64 as one client, and other /64s apart', () => {
    const rotated = ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:DB8:1:2:aaaa:bbbb:cccc:dddd'].map(
      clientAddressOf,
    );
    expect(new Set(rotated)).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(clientAddressOf('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientAddressOf('::1')).toBe('::/64');
  });

  it('passes through what is not an address (it cannot be budgeted more finely)', () => {
    expect(clientAddressOf('')).toBe('');
  });
});
