// The CEL standard library as cel-go v0.29.2 defines it: the overload examples of
// common/stdlib/standard.go (arithmetic, conversions, timestamps and durations with Go's time
// semantics) and common/types/overflow.go (checked arithmetic).
import { run, value } from './harness';

describe('google/cel-go common/stdlib/standard.go overload examples', () => {
  test.each([
    ["'hello'.contains('lo') ? 'hi' : 'bye'", 'hi'],
    ["b'hi' + bytes('ya') == b'hiya'", true],
    ["duration('1m') + duration('1s') == duration('1m1s')", true],
    ["duration('24h') + timestamp('2023-01-01T00:00:00Z') == timestamp('2023-01-02T00:00:00Z')", true],
    ["timestamp('2023-01-01T00:00:00Z') + duration('24h1m2s') == timestamp('2023-01-02T00:01:02Z')", true],
    ["timestamp('2023-01-10T12:00:00Z') - duration('12h') == timestamp('2023-01-10T00:00:00Z')", true],
    ["timestamp('2023-01-10T12:00:00Z') - timestamp('2023-01-10T00:00:00Z') == duration('12h')", true],
    ['22u + 33u', { uint: 55n }],
    ['7.0 / 2.0', 3.5],
    ['10 / 2', 5n],
    ['-2 * 6', -12n],
    ['3 % 2', 1n],
    ["'a' < 'b' && !('cat' < 'cab')", true],
    ["timestamp('2001-01-01T02:03:04Z') < timestamp('2002-02-02T02:03:04Z')", true],
    ["duration('1ms') < duration('1s')", true],
    ["dyn(3.0) == 3", true],
    ["bytes('hello') == b'hello'", true],
    ["duration('1h') == duration('60m')", true],
    ['int(2.9) == 2 && int(-2.9) == -2', true],
    ["int('-42') == -42 && uint('42') == 42u && double('2.5') == 2.5", true],
    ['string(1.5e-7) == "1.5e-07" && string(123456789.0) == "1.23456789e+08" && string(100.0) == "100"', true],
    ["string(duration('1h30m')) == '5400s' && string(duration('-1.5s')) == '-1.5s'", true],
    ["string(timestamp('2024-01-02T03:04:05.120+01:00')) == '2024-01-02T03:04:05.12+01:00'", true],
    ["int(timestamp('1970-01-02T00:00:00Z')) == 86400", true],
    ["timestamp(86400) == timestamp('1970-01-02T00:00:00Z')", true],
    ["bool('TRUE') && !bool('f')", true],
  ])('%s', (expr, want) => {
    expect(value(expr)).toEqual(want);
  });

  test.each([
    ["timestamp('2023-05-28T23:59:59Z').getFullYear()", 2023n],
    ["timestamp('2023-05-28T23:59:59Z').getMonth()", 4n],
    ["timestamp('2023-05-28T23:59:59Z').getDate()", 28n],
    ["timestamp('2023-05-28T23:59:59Z').getDayOfMonth()", 27n],
    ["timestamp('2023-05-28T23:59:59Z').getDayOfWeek()", 0n],
    ["timestamp('2023-05-28T23:59:59Z').getDayOfYear()", 147n],
    ["timestamp('2023-05-28T23:59:59Z').getHours('+01:00')", 0n],
    ["timestamp('2023-05-28T23:59:59Z').getDate('Asia/Tokyo')", 29n],
    ["timestamp('2023-05-28T23:59:59.250Z').getMilliseconds()", 250n],
    ["duration('3h30m').getHours()", 3n],
    ["duration('3h30m').getMinutes()", 210n],
    ["duration('1.5s').getMilliseconds()", 1500n],
  ])('%s', (expr, want) => {
    expect(value(expr)).toBe(want);
  });
});

describe('google/cel-go common/types overflow and conversion errors', () => {
  test.each([
    ['9223372036854775807 + 1', 'integer overflow'],
    ['-9223372036854775808 - 1', 'integer overflow'],
    ['0u - 1u', 'unsigned integer overflow'],
    ['1 / 0', 'division by zero'],
    ['1 % 0', 'modulus by zero'],
    ['int(1e19)', 'integer overflow'],
    ["int('1.5')", "type conversion error from 'string' to 'int'"],
    ["timestamp('2023-13-01T00:00:00Z')", "type conversion error from 'string' to 'google.protobuf.Timestamp'"],
    ["duration('1d')", "type conversion error from 'string' to 'google.protobuf.Duration'"],
    ["timestamp('9999-12-31T23:59:59Z') + duration('1s')", 'timestamp overflow'],
    ['[1, 2][2]', 'index out of bounds: 2'],
    ["{'a': 1}['b']", 'no such key: b'],
    ["timestamp('2023-01-01T00:00:00Z').getHours('Mars/Olympus')", 'unknown time zone Mars/Olympus'],
  ])('fails %s: %s', (expr, message) => {
    expect(run(expr).error).toBe(message);
  });
});
