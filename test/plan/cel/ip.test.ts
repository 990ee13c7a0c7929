// IP addresses: kubernetes/apiserver v0.35.4 pkg/cel/library/ip_test.go (TestIP) and the
// library's declarations (no zones, no IPv4-mapped IPv6 addresses).
import { run, value } from './harness';

describe('kubernetes/apiserver pkg/cel/library/ip_test.go TestIP', () => {
  const cases: [string, string, unknown][] = [
    ['parse ipv4', 'ip("192.168.0.1")', { 'net.IP': '192.168.0.1' }],
    ['isIP valid ipv4', 'isIP("192.168.0.1")', true],
    ['isIP invalid ipv4', 'isIP("192.168.0.1.0")', false],
    ['ip.isCanonical valid ipv4', 'ip.isCanonical("127.0.0.1")', true],
    ['ipv4 family', 'ip("192.168.0.1").family()', 4n],
    ['ipv4 isUnspecified true', 'ip("0.0.0.0").isUnspecified()', true],
    ['ipv4 isUnspecified false', 'ip("127.0.0.1").isUnspecified()', false],
    ['ipv4 isLoopback true', 'ip("127.0.0.1").isLoopback()', true],
    ['ipv4 isLoopback false', 'ip("1.2.3.4").isLoopback()', false],
    ['ipv4 isLinkLocalMulticast true', 'ip("224.0.0.1").isLinkLocalMulticast()', true],
    ['ipv4 isLinkLocalMulticast false', 'ip("224.0.1.1").isLinkLocalMulticast()', false],
    ['ipv4 isLinkLocalUnicast true', 'ip("169.254.169.254").isLinkLocalUnicast()', true],
    ['ipv4 isLinkLocalUnicast false', 'ip("192.168.0.1").isLinkLocalUnicast()', false],
    ['ipv4 isGlobalUnicast true', 'ip("192.168.0.1").isGlobalUnicast()', true],
    ['ipv4 isGlobalUnicast false', 'ip("255.255.255.255").isGlobalUnicast()', false],
    ['parse ipv6', 'ip("2001:db8::68")', { 'net.IP': '2001:db8::68' }],
    ['isIP valid ipv6', 'isIP("2001:db8::68")', true],
    ['isIP invalid ipv6', 'isIP("2001:db8:::68")', false],
    ['ip.isCanonical valid ipv6', 'ip.isCanonical("2001:db8::68")', true],
    ['ip.isCanonical non-canonical ipv6', 'ip.isCanonical("2001:DB8::68")', false],
    ['ipv6 family', 'ip("2001:db8::68").family()', 6n],
    ['ipv6 isUnspecified true', 'ip("::").isUnspecified()', true],
    ['ipv6 isUnspecified false', 'ip("::1").isUnspecified()', false],
    ['ipv6 isLoopback true', 'ip("::1").isLoopback()', true],
    ['ipv6 isLoopback false', 'ip("2001:db8::abcd").isLoopback()', false],
    ['ipv6 isLinkLocalMulticast true', 'ip("ff02::1").isLinkLocalMulticast()', true],
    ['ipv6 isLinkLocalMulticast false', 'ip("fd00::1").isLinkLocalMulticast()', false],
    ['ipv6 isLinkLocalUnicast true', 'ip("fe80::1").isLinkLocalUnicast()', true],
    ['ipv6 isLinkLocalUnicast false', 'ip("fd80::1").isLinkLocalUnicast()', false],
    ['ipv6 isGlobalUnicast true', 'ip("2001:db8::abcd").isGlobalUnicast()', true],
    ['ipv6 isGlobalUnicast false', 'ip("ff00::1").isGlobalUnicast()', false],
    ['converting an IP address to a string', 'string(ip("192.168.0.1"))', '192.168.0.1'],
    ['type of IP is net.IP', 'type(ip("192.168.0.1")) == net.IP', true],
  ];
  test.each(cases)('%s: %s', (_name, expr, want) => {
    expect(value(expr)).toEqual(want);
  });

  test.each([
    ['parse invalid ipv4', 'ip("192.168.0.1.0")', 'IP Address "192.168.0.1.0" parse error during conversion from string: ParseAddr("192.168.0.1.0"): IPv4 address too long'],
    ['ip.isCanonical invalid ipv4', 'ip.isCanonical("127.0.0.1.0")', 'IP Address "127.0.0.1.0" parse error during conversion from string: ParseAddr("127.0.0.1.0"): IPv4 address too long'],
    ['parse invalid ipv6', 'ip("2001:db8:::68")', 'IP Address "2001:db8:::68" parse error during conversion from string: ParseAddr("2001:db8:::68"): each colon-separated field must have at least one digit (at ":68")'],
    ['ip.isCanonical invalid ipv6', 'ip.isCanonical("2001:db8:::68")', 'IP Address "2001:db8:::68" parse error during conversion from string: ParseAddr("2001:db8:::68"): each colon-separated field must have at least one digit (at ":68")'],
  ])('fails %s: %s', (_name, expr, message) => {
    expect(run(expr).error).toBe(message);
  });

  test('fails passing cidr into isIP returns compile error', () => {
    expect(run('isIP(cidr("192.168.0.0/24"))').compileError).toMatch(/found no matching overload for 'isIP' applied to '\(net.CIDR\)'/);
  });
});

describe('kubernetes/apiserver pkg/cel/library/ip.go parseIPAddr and Go net/netip ParseAddr', () => {
  test.each([
    ['ip("fe80::1%eth0")', 'IP address "fe80::1%eth0" with zone value is not allowed'],
    ['ip("::ffff:1.2.3.4")', 'IPv4-mapped IPv6 address "::ffff:1.2.3.4" is not allowed'],
    ['ip("127.000.000.001")', 'IP Address "127.000.000.001" parse error during conversion from string: ParseAddr("127.000.000.001"): IPv4 field has octet with leading zero'],
    ['ip("10.0.0.256")', 'IP Address "10.0.0.256" parse error during conversion from string: ParseAddr("10.0.0.256"): IPv4 field has value >255'],
    ['ip("1.2.3")', 'IP Address "1.2.3" parse error during conversion from string: ParseAddr("1.2.3"): IPv4 address too short'],
    ['ip("abc")', 'IP Address "abc" parse error during conversion from string: ParseAddr("abc"): unable to parse IP'],
  ])('fails %s', (expr, message) => {
    expect(run(expr).error).toBe(message);
  });

  test.each([
    ['string(ip("2001:0db8:0000:0000:0000:0000:0000:0068"))', '2001:db8::68'],
    ['string(ip("2001:db8:0:0:1:0:0:1"))', '2001:db8::1:0:0:1'],
    ['string(ip("2001:db8::ffff:0:1"))', '2001:db8::ffff:0:1'],
    ['ip("::1") == ip("0:0:0:0:0:0:0:1")', true],
    ['ip("10.0.0.1") == ip("10.0.0.2")', false],
  ])('%s', (expr, want) => {
    expect(value(expr)).toBe(want);
  });
});
