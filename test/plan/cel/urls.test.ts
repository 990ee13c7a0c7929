// Kubernetes URL functions: k8s.io/apiextensions-apiserver v0.35.4
// pkg/apiserver/schema/cel/validation_test.go TestValidationExpressions, case "URL parsing"
// (with `self.url` bound as managedCluster.url), and Go net/url behaviour they rely on.
import { run, value } from './harness';

const obj = { managedCluster: { url: 'https://user:pass@kubernetes.io:80/docs/home?k1=a&k2=b&k2=c#anchor' } };
const bind = (e: string): string => e.replace(/self\./g, 'managedCluster.');

describe('apiextensions-apiserver schema/cel/validation_test.go TestValidationExpressions "URL parsing"', () => {
  test.each([
    "url('/path').getScheme() == ''",
    "url('https://example.com/').getScheme() == 'https'",
    "url('https://example.com:80/').getHost() == 'example.com:80'",
    "url('https://example.com/').getHost() == 'example.com'",
    "url('https://[::1]:80/').getHost() == '[::1]:80'",
    "url('https://[::1]/').getHost() == '[::1]'",
    "url('/path').getHost() == ''",
    "url('https://example.com:80/').getHostname() == 'example.com'",
    "url('https://127.0.0.1/').getHostname() == '127.0.0.1'",
    "url('https://[::1]/').getHostname() == '::1'",
    "url('/path').getHostname() == ''",
    "url('https://example.com:80/').getPort() == '80'",
    "url('https://example.com/').getPort() == ''",
    "url('/path').getPort() == ''",
    "url('https://example.com/path').getEscapedPath() == '/path'",
    "url('https://example.com/with space/').getEscapedPath() == '/with%20space/'",
    "url('https://example.com').getEscapedPath() == ''",
    "url('https://example.com/path?k1=a&k2=b&k2=c').getQuery() == { 'k1': ['a'], 'k2': ['b', 'c']}",
    "url('https://example.com/path?key with spaces=value with spaces').getQuery() == { 'key with spaces': ['value with spaces']}",
    "url('https://example.com/path?').getQuery() == {}",
    "url('https://example.com/path').getQuery() == {}",
    "url(self.url).getScheme() == 'https'",
    "url(self.url).getHost() == 'kubernetes.io:80'",
    "url(self.url).getHostname() == 'kubernetes.io'",
    "url(self.url).getPort() == '80'",
    "url(self.url).getEscapedPath() == '/docs/home'",
    "url(self.url).getQuery() == {'k1': ['a'], 'k2': ['b', 'c']}",
    "isURL('https://user:pass@example.com:80/path?query=val#fragment')",
    "isURL('/path') == true",
    "isURL('https://a:b:c/') == false",
    "isURL('../relative-path') == false",
  ])('%s', (expr) => {
    expect(value(bind(expr), obj)).toBe(true);
  });
});

describe('kubernetes/apiserver pkg/cel/library/urls.go errors (Go net/url ParseRequestURI)', () => {
  test.each([
    ["url('../relative-path')", 'URL parse error during conversion from string: parse "../relative-path": invalid URI for request'],
    ["url('https://a:b:c/')", 'URL parse error during conversion from string: parse "https://a:b:c/": invalid port ":c" after host'],
    ["url('')", 'URL parse error during conversion from string: parse "": empty url'],
    ["url('https://example.com/%zz')", 'URL parse error during conversion from string: parse "https://example.com/%zz": invalid URL escape "%zz"'],
  ])('fails %s', (expr, message) => {
    expect(run(expr).error).toBe(message);
  });

  test('URL values compare by their String form', () => {
    expect(value("url('https://example.com/a') == url('https://example.com/a')")).toBe(true);
    expect(value("url('https://example.com/a') == url('https://example.com/b')")).toBe(false);
  });
});
