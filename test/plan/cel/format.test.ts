// Kubernetes named formats: kubernetes/apiserver v0.35.4 pkg/cel/library/format_test.go
// (TestFormat), including its generated cases over every ConstantFormats key.
import { CONSTANT_FORMATS } from '../../../lib/plan/ocm/cel/format';
import { value } from './harness';

const NONE = 'optional.none()';
const errs = (...m: string[]): unknown => ({ optional: m });

describe('kubernetes/apiserver pkg/cel/library/format_test.go TestFormat', () => {
  const cases: [string, string, unknown][] = [
    ['example_usage_dns1123Label', 'format.dns1123Label().validate("my-label-name")', NONE],
    ['example_usage_dns1123Subdomain', 'format.dns1123Subdomain().validate("apiextensions.k8s.io")', NONE],
    ['example_usage_qualifiedName', 'format.qualifiedName().validate("apiextensions.k8s.io/v1beta1")', NONE],
    ['example_usage_dns1123LabelPrefix', 'format.dns1123LabelPrefix().validate("my-label-prefix-")', NONE],
    ['example_usage_dns1123SubdomainPrefix', 'format.dns1123SubdomainPrefix().validate("mysubdomain.prefix.-")', NONE],
    ['example_usage_dns1035LabelPrefix', 'format.dns1035LabelPrefix().validate("my-label-prefix-")', NONE],
    ['example_usage_uri', 'format.uri().validate("http://example.com")', NONE],
    ['example_usage_uuid', 'format.uuid().validate("123e4567-e89b-12d3-a456-426614174000")', NONE],
    ['example_usage_byte', 'format.byte().validate("aGVsbG8=")', NONE],
    ['example_usage_date', 'format.date().validate("2021-01-01")', NONE],
    ['example_usage_datetime', 'format.datetime().validate("2021-01-01T00:00:00Z")', NONE],
    ['dns1123Label', 'format.dns1123Label().validate("contains a space")',
      errs("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")],
    ['dns1123Subdomain', 'format.dns1123Subdomain().validate("contains a space")',
      errs("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")],
    ['dns1035Label', 'format.dns1035Label().validate("contains a space")',
      errs("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")],
    ['qualifiedName', 'format.qualifiedName().validate("contains a space")',
      errs("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")],
    ['dns1123LabelPrefix', 'format.dns1123LabelPrefix().validate("contains a space-")',
      errs("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")],
    ['dns1123SubdomainPrefix', 'format.dns1123SubdomainPrefix().validate("contains a space-")',
      errs("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")],
    ['dns1035LabelPrefix', 'format.dns1035LabelPrefix().validate("contains a space-")',
      errs("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")],
    ['dns1123Label_Success', 'format.dns1123Label().validate("my-label-name")', NONE],
    ['dns1123Subdomain_Success', 'format.dns1123Subdomain().validate("example.com")', NONE],
    ['dns1035Label_Success', 'format.dns1035Label().validate("my-label-name")', NONE],
    ['qualifiedName_Success', 'format.qualifiedName().validate("my.name")', NONE],
    ['byte_success', 'format.byte().validate("aGVsbG8=")', NONE],
    ['byte_failure', 'format.byte().validate("aGVsbG8")', errs('invalid base64')],
    ['date_success', 'format.date().validate("2020-01-01")', NONE],
    ['date_failure', 'format.date().validate("2020-01-32")', errs('invalid date')],
    ['datetime_success', 'format.datetime().validate("2020-01-01T00:00:00Z")', NONE],
    ['datetime_failure', 'format.datetime().validate("2020-01-32T00:00:00Z")', errs('invalid datetime')],
    ['unknown_format', 'format.named("unknown").hasValue()', false],
    ['labelValue_success', 'format.labelValue().validate("my-cool-label-Value")', NONE],
    ['labelValue_failure', 'format.labelValue().validate("my-cool-label-Value!!\\n\\n!!!")',
      errs("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")],
  ];
  test.each(cases)('%s: %s', (_name, expr, want) => {
    expect(value(expr)).toEqual(want);
  });

  const names = Object.keys(CONSTANT_FORMATS);
  test.each(names)('lookup and comparison: format.named("%s") exists and equals its function', (name) => {
    expect(value(`format.named("${name}").hasValue()`)).toBe(true);
    expect(value(`format.named("${name}").value() == format.${name}()`)).toBe(true);
  });

  test.each(names)('compare_%s_<other>: different formats are not equal', (name) => {
    for (const other of names) if (other !== name) expect(value(`format.${name}() == format.${other}()`)).toBe(false);
  });
});

describe('kubernetes/apiserver pkg/cel/library/format.go on labels and names a placement reads', () => {
  test('a label value check on a ManagedCluster label', () => {
    const mc = { managedCluster: { metadata: { labels: { team: 'platform_core-1' } } } };
    expect(value('!format.labelValue().validate(managedCluster.metadata.labels.team).hasValue()', mc)).toBe(true);
    expect(value('format.dns1123Label().validate(managedCluster.metadata.labels.team).hasValue()', mc)).toBe(true);
  });
});
