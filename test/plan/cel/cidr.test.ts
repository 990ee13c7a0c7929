// CIDR prefixes: kubernetes/apiserver v0.35.4 pkg/cel/library/cidr_test.go (TestCIDR) and the
// library's behaviour for unparsable string arguments.
import { run, value } from './harness';

describe('kubernetes/apiserver pkg/cel/library/cidr_test.go TestCIDR', () => {
  const cases: [string, string, unknown][] = [
    ['parse ipv4', 'cidr("192.168.0.0/24")', { 'net.CIDR': '192.168.0.0/24' }],
    ['contains IP ipv4 (IP)', 'cidr("192.168.0.0/24").containsIP(ip("192.168.0.1"))', true],
    ['does not contain IP ipv4 (IP)', 'cidr("192.168.0.0/24").containsIP(ip("192.168.1.1"))', false],
    ['contains IP ipv4 (string)', 'cidr("192.168.0.0/24").containsIP("192.168.0.1")', true],
    ['does not contain IP ipv4 (string)', 'cidr("192.168.0.0/24").containsIP("192.168.1.1")', false],
    ['contains CIDR ipv4 (CIDR)', 'cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/25"))', true],
    ['contains CIDR ipv4 (CIDR) (/32)', 'cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.1/32"))', true],
    ['does not contain IP ipv4 (CIDR)', 'cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/23"))', false],
    ['does not contain IP ipv4 (CIDR) (/32)', 'cidr("192.168.0.0/24").containsCIDR(cidr("192.169.0.1/32"))', false],
    ['contains CIDR ipv4 (string)', 'cidr("192.168.0.0/24").containsCIDR("192.168.0.0/25")', true],
    ['does not contain CIDR ipv4 (string)', 'cidr("192.168.0.0/24").containsCIDR("192.168.0.0/23")', false],
    ['returns IP ipv4', 'cidr("192.168.0.0/24").ip()', { 'net.IP': '192.168.0.0' }],
    ['masks masked ipv4', 'cidr("192.168.0.0/24").masked()', { 'net.CIDR': '192.168.0.0/24' }],
    ['masks unmasked ipv4', 'cidr("192.168.0.1/24").masked()', { 'net.CIDR': '192.168.0.0/24' }],
    ['returns prefix length ipv4', 'cidr("192.168.0.0/24").prefixLength()', 24n],
    ['parse ipv6', 'cidr("2001:db8::/32")', { 'net.CIDR': '2001:db8::/32' }],
    ['contains IP ipv6 (IP)', 'cidr("2001:db8::/32").containsIP(ip("2001:db8::1"))', true],
    ['does not contain IP ipv6 (IP)', 'cidr("2001:db8::/32").containsIP(ip("2001:dc8::1"))', false],
    ['contains IP ipv6 (string)', 'cidr("2001:db8::/32").containsIP("2001:db8::1")', true],
    ['does not contain IP ipv6 (string)', 'cidr("2001:db8::/32").containsIP("2001:dc8::1")', false],
    ['contains CIDR ipv6 (CIDR)', 'cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/33"))', true],
    ['does not contain IP ipv6 (CIDR)', 'cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/31"))', false],
    ['contains CIDR ipv6 (string)', 'cidr("2001:db8::/32").containsCIDR("2001:db8::/33")', true],
    ['does not contain CIDR ipv6 (string)', 'cidr("2001:db8::/32").containsCIDR("2001:db8::/31")', false],
    ['returns IP ipv6', 'cidr("2001:db8::/32").ip()', { 'net.IP': '2001:db8::' }],
    ['masks masked ipv6', 'cidr("2001:db8::/32").masked()', { 'net.CIDR': '2001:db8::/32' }],
    ['masks unmasked ipv6', 'cidr("2001:db8:1::/32").masked()', { 'net.CIDR': '2001:db8::/32' }],
    ['returns prefix length ipv6', 'cidr("2001:db8::/32").prefixLength()', 32n],
    ['converting a CIDR to a string', 'string(cidr("192.168.0.0/24"))', '192.168.0.0/24'],
    ['type of CIDR is net.CIDR', 'type(cidr("192.168.0.0/24")) == net.CIDR', true],
  ];
  test.each(cases)('%s: %s', (_name, expr, want) => {
    expect(value(expr)).toEqual(want);
  });

  test.each([
    ['parse invalid ipv4', 'cidr("192.168.0.0/")', 'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("192.168.0.0/"): bad bits after slash: ""'],
    ['parse invalid ipv6', 'cidr("2001:db8::/")', 'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("2001:db8::/"): bad bits after slash: ""'],
  ])('fails %s: %s', (_name, expr, message) => {
    expect(run(expr).error).toBe(message);
  });
});

describe('kubernetes/apiserver pkg/cel/library/cidr.go and Go net/netip ParsePrefix', () => {
  test.each([
    ['cidr("10.0.0.0/33")', 'netip.ParsePrefix("10.0.0.0/33"): prefix length out of range'],
    ['cidr("10.0.0.0")', `netip.ParsePrefix("10.0.0.0"): no '/'`],
    ['cidr("10.0.0.0/08")', 'netip.ParsePrefix("10.0.0.0/08"): bad bits after slash: "08"'],
  ])('fails %s', (expr, message) => {
    expect(run(expr).error).toBe(`network address parse error during conversion from string: network address parse error during conversion from string: ${message}`);
  });

  test('fails containsIP with an unparsable string: upstream answers "no such overload"', () => {
    expect(run('cidr("10.0.0.0/8").containsIP("not-an-ip")').error).toBe('no such overload');
  });

  test('fails containsCIDR with an unparsable string: upstream returns the parse error', () => {
    expect(run('cidr("10.0.0.0/8").containsCIDR("10.0.0.0")').error).toMatch(/no '\/'/);
  });

  test.each([
    ['isCIDR("10.0.0.0/8")', true],
    ['isCIDR("10.0.0.0")', false],
    ['cidr("10.1.2.3/8") == cidr("10.1.2.3/8")', true],
    ['cidr("10.1.2.3/8") == cidr("10.0.0.0/8")', false],
    ['cidr("0.0.0.0/0").containsCIDR(cidr("10.0.0.0/8"))', true],
    ['cidr("10.0.0.0/8").containsIP(ip("::1"))', false],
  ])('%s', (expr, want) => {
    expect(value(expr)).toBe(want);
  });
});
