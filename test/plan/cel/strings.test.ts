// cel-go's strings extension at its latest version (OCM's `ext.Strings()`): google/cel-go
// ext/strings_test.go (stringTests of TestStrings) and ext/formatting_v2_test.go
// (TestStringFormatV2, with its expected runtime costs). Upstream's parse-only cases evaluate
// without the type checker; OCM checks every expression, so they are compile errors here.
import { run, value } from './harness';

describe('google/cel-go ext/strings_test.go TestStrings (stringTests)', () => {
  const valid = [
    `'tacocat'.charAt(3) == 'o'`, `'tacocat'.charAt(7) == ''`, `'©αT'.charAt(0) == '©' && '©αT'.charAt(1) == 'α' && '©αT'.charAt(2) == 'T'`,
    `'tacocat'.indexOf('') == 0`, `'tacocat'.indexOf('ac') == 1`, `'tacocat'.indexOf('none') == -1`, `'tacocat'.indexOf('', 3) == 3`,
    `'tacocat'.indexOf('a', 3) == 5`, `'tacocat'.indexOf('at', 3) == 5`, `'ta©o©αT'.indexOf('©') == 2`, `'ta©o©αT'.indexOf('©', 3) == 4`,
    `'ta©o©αT'.indexOf('©αT', 3) == 4`, `'ta©o©αT'.indexOf('©α', 5) == -1`, `'ijk'.indexOf('k') == 2`, `'hello wello'.indexOf('hello wello') == 0`,
    `'hello wello'.indexOf('ello', 6) == 7`, `'hello wello'.indexOf('elbo room!!') == -1`, `'hello wello'.indexOf('elbo room!!!') == -1`,
    `''.lastIndexOf('@@') == -1`, `'tacocat'.lastIndexOf('') == 7`, `'tacocat'.lastIndexOf('at') == 5`, `'tacocat'.lastIndexOf('none') == -1`,
    `'tacocat'.lastIndexOf('', 3) == 3`, `'tacocat'.lastIndexOf('a', 3) == 1`, `'ta©o©αT'.lastIndexOf('©') == 4`, `'ta©o©αT'.lastIndexOf('©', 3) == 2`,
    `'ta©o©αT'.lastIndexOf('©α', 4) == 4`, `'hello wello'.lastIndexOf('ello', 6) == 1`, `'hello wello'.lastIndexOf('low') == -1`,
    `'hello wello'.lastIndexOf('elbo room!!') == -1`, `'hello wello'.lastIndexOf('elbo room!!!') == -1`, `'hello wello'.lastIndexOf('hello wello') == 0`,
    `'bananananana'.lastIndexOf('nana', 7) == 6`,
    `'TacoCat'.lowerAscii() == 'tacocat'`, `'TacoCÆt'.lowerAscii() == 'tacocÆt'`, `'TacoCÆt Xii'.lowerAscii() == 'tacocÆt xii'`,
    `"12 days 12 hours".replace("{0}", "2") == "12 days 12 hours"`, `"{0} days {0} hours".replace("{0}", "2") == "2 days 2 hours"`,
    `"{0} days {0} hours".replace("{0}", "2", 1).replace("{0}", "23") == "2 days 23 hours"`, `"1 ©αT taco".replace("αT", "o©α") == "1 ©o©α taco"`,
    `"hello hello".replace("", "_") == "_h_e_l_l_o_ _h_e_l_l_o_"`, `"hello hello".replace("h", "") == "ello ello"`,
    `"hello world".split(" ") == ["hello", "world"]`, `"hello world events!".split(" ", 0) == []`, `"hello world events!".split(" ", 1) == ["hello world events!"]`,
    `"o©o©o©o".split("©", -1) == ["o", "o", "o", "o"]`,
    `"tacocat".substring(4) == "cat"`, `"tacocat".substring(7) == ""`, `"tacocat".substring(0, 4) == "taco"`, `"tacocat".substring(4, 4) == ""`,
    `'ta©o©αT'.substring(2, 6) == "©o©α"`, `'ta©o©αT'.substring(7, 7) == ""`,
    `" \\f\\n\\r\\t\\vtext  ".trim() == "text"`, `"\\u0085\\u00a0\\u1680text".trim() == "text"`,
    `"text\\u2000\\u2001\\u2002\\u2003\\u2004\\u2004\\u2006\\u2007\\u2008\\u2009".trim() == "text"`, `"\\u200atext\\u2028\\u2029\\u202F\\u205F\\u3000".trim() == "text"`,
    `"\\u180etext\\u200b\\u200c\\u200d\\u2060\\ufeff".trim()\n\t\t\t\t== "\\u180etext\\u200b\\u200c\\u200d\\u2060\\ufeff"`,
    `'tacoCat'.upperAscii() == 'TACOCAT'`, `'tacoCαt'.upperAscii() == 'TACOCαT'`,
    `'gums'.reverse() == 'smug'`, `'palindromes'.reverse() == 'semordnilap'`, `'John Smith'.reverse() == 'htimS nhoJ'`, `'u180etext'.reverse() == 'txete081u'`,
    `'2600+U'.reverse() == 'U+0062'`, `'\\u180e\\u200b\\u200c\\u200d\\u2060\\ufeff'.reverse() == '\\ufeff\\u2060\\u200d\\u200c\\u200b\\u180e'`,
    `['x', 'y'].join() == 'xy'`, `['x', 'y'].join('-') == 'x-y'`, `[].join() == ''`, `[].join('-') == ''`,
    `strings.quote("first\\nsecond") == "\\"first\\\\nsecond\\""`, `strings.quote("bell\\a") == "\\"bell\\\\a\\""`,
    `strings.quote("\\bbackspace") == "\\"\\\\bbackspace\\""`, `strings.quote("\\fform feed") == "\\"\\\\fform feed\\""`,
    `strings.quote("carriage \\r return") == "\\"carriage \\\\r return\\""`, `strings.quote("horizontal tab\\t") == "\\"horizontal tab\\\\t\\""`,
    `strings.quote("vertical \\v tab") == "\\"vertical \\\\v tab\\""`, `strings.quote("double \\\\\\\\ slash") == "\\"double \\\\\\\\\\\\\\\\ slash\\""`,
    `strings.quote("two escape sequences \\a\\n") == "\\"two escape sequences \\\\a\\\\n\\""`, `strings.quote("verbatim") == "\\"verbatim\\""`,
    `strings.quote("ends with \\\\") == "\\"ends with \\\\\\\\\\""`, `strings.quote("\\\\ starts with") == "\\"\\\\\\\\ starts with\\""`,
    `strings.quote("printable unicode😀") == "\\"printable unicode😀\\""`, `strings.quote("mid string \\" quote") == "\\"mid string \\\\\\" quote\\""`,
    `strings.quote('single-quote with "double quote"') == "\\"single-quote with \\\\\\"double quote\\\\\\"\\""`,
    `strings.quote("size('ÿ')") == "\\"size('ÿ')\\""`, `strings.quote("size('πέντε')") == "\\"size('πέντε')\\""`, `strings.quote("завтра") == "\\"завтра\\""`,
    `strings.quote("\\U0001F431\\U0001F600\\U0001F61B") == "\\"\\U0001F431\\U0001F600\\U0001F61B\\""`, `strings.quote("ta©o©αT") == "\\"ta©o©αT\\""`,
    `strings.quote("") == "\\"\\""`,
    `strings.quote('%s %s').format(['hello', 'world']) == "\\"hello world\\""`,
    `'tacocat'.indexOf('a', 30) == -1`, `'tacocat'.indexOf('', 7) == 7`, `'tacocat'.indexOf('', 30) == 7`,
    `'tacocat'.lastIndexOf('a', 30) == -1`, `'tacocat'.lastIndexOf('', 7) == 7`, `'tacocat'.lastIndexOf('', 30) == 7`,
  ];
  test.each(valid)('%s', (expr) => {
    expect(value(expr)).toBe(true);
  });

  test.each([
    [`'tacocat'.charAt(30) == ''`, 'index out of range: 30'],
    [`'tacocat'.indexOf('', -1) == 0`, 'index out of range: -1'],
    [`'tacocat'.lastIndexOf('a', -1) == -1`, 'index out of range: -1'],
    [`'tacocat'.lastIndexOf('', -1) == 0`, 'index out of range: -1'],
    [`"tacocat".substring(40) == "cat"`, 'index out of range: 40'],
    [`"tacocat".substring(-1) == "cat"`, 'index out of range: -1'],
    [`"tacocat".substring(1, 50) == "cat"`, 'index out of range: 50'],
    [`"tacocat".substring(49, 50) == "cat"`, 'index out of range: 49'],
    [`"tacocat".substring(4, 3) == ""`, 'invalid substring range. start: 4, end: 3'],
  ])('fails %s: %s', (expr, message) => {
    expect(run(expr).error).toBe(message);
  });

  test.each([
    `42.charAt(2) == ""`, `'hello'.charAt(true) == ""`, `24.indexOf('2') == 0`, `'hello'.indexOf(true) == 1`, `42.indexOf('4', 0) == 0`,
    `'42'.indexOf(4, 0) == 0`, `'42'.indexOf('4', '0') == 0`, `'42'.indexOf('4', 0, 1) == 0`, `42.split("2") == ["4"]`, `42.replace(2, 1) == "41"`,
    `"42".replace(2, 1) == "41"`, `"42".replace("2", 1) == "41"`, `42.replace("2", "1", 1) == "41"`, `"42".replace(2, "1", 1) == "41"`,
    `"42".replace("2", 1, 1) == "41"`, `"42".replace("2", "1", "1") == "41"`, `"42".replace("2", "1", 1, false) == "41"`, `42.split("") == ["4", "2"]`,
    `"42".split(2) == ["4"]`, `42.split("2", "1") == ["4"]`, `"42".split(2, 1) == ["4"]`, `"42".split("2", "1") == ["4"]`, `"42".split("2", 1, 1) == ["4"]`,
    `'hello'.substring(1, 2, 3) == ""`, `30.substring(true, 3) == ""`, `"tacocat".substring(true, 3) == ""`, `"tacocat".substring(0, false) == ""`,
  ])('fails %s: no matching overload (a compile error once checked)', (expr) => {
    expect(run(expr).compileError).toMatch(/found no matching overload/);
  });
});

describe('google/cel-go ext/formatting_v2_test.go TestStringFormatV2', () => {
  // [name, format, formatArgs, expected output, expected runtime cost]
  const cases: [string, string, string, string, number][] = [
    ['no-op', 'no substitution', '', 'no substitution', 12],
    ['mid-string substitution', 'str is %s and some more', '"filler"', 'str is filler and some more', 13],
    ['percent escaping', '%% and also %%', '', '% and also %', 12],
    ['substution inside escaped percent signs', '%%%s%%', '"text"', '%text%', 11],
    ['substitution with one escaped percent sign on the right', '%s%%', '"percent on the right"', 'percent on the right%', 11],
    ['substitution with one escaped percent sign on the left', '%%%s', '"percent on the left"', '%percent on the left', 11],
    ['multiple substitutions', '%d %d %d, %s %s %s, %d %d %d, %s %s %s', '1, 2, 3, "A", "B", "C", 4, 5, 6, "D", "E", "F"', '1 2 3, A B C, 4 5 6, D E F', 14],
    ['percent sign escape sequence support', '%%escaped %s%%', '"percent"', '%escaped percent%', 12],
    ['fixed point formatting clause', '%.3f', '1.2345', '1.234', 11],
    ['fixed point formatting clause with int', '%.3f + %.2f', '1, 1u', '1.000 + 1.00', 12],
    ['binary formatting clause', 'this is 5 in binary: %b', '5', 'this is 5 in binary: 101', 13],
    ['negative binary formatting clause', 'this is -5 in binary: %b', '-5', 'this is -5 in binary: -101', 13],
    ['uint support for binary formatting', 'unsigned 64 in binary: %b', 'uint(64)', 'unsigned 64 in binary: 1000000', 14],
    ['bool support for binary formatting', 'bit set from bool: %b', 'true', 'bit set from bool: 1', 13],
    ['octal formatting clause', '%o', '11', '13', 11],
    ['negative octal formatting clause', '%o', '-11', '-13', 11],
    ['uint support for octal formatting clause', 'this is an unsigned octal: %o', 'uint(65535)', 'this is an unsigned octal: 177777', 14],
    ['lowercase hexadecimal formatting clause', '%x is 30 in hexadecimal', '30', '1e is 30 in hexadecimal', 13],
    ['uppercase hexadecimal formatting clause', '%X is 20 in hexadecimal', '30', '1E is 20 in hexadecimal', 13],
    ['negative hexadecimal formatting clause', '%x is -30 in hexadecimal', '-30', '-1e is -30 in hexadecimal', 13],
    ['unsigned support for hexadecimal formatting clause', '%X is 6000 in hexadecimal', 'uint(6000)', '1770 is 6000 in hexadecimal', 14],
    ['string support with hexadecimal formatting clause', '%x', '"Hello world!"', '48656c6c6f20776f726c6421', 11],
    ['string support with uppercase hexadecimal formatting clause', '%X', '"Hello world!"', '48656C6C6F20776F726C6421', 11],
    ['byte support with hexadecimal formatting clause', '%x', 'b"byte string"', '6279746520737472696e67', 11],
    ['byte support with hexadecimal formatting clause leading zero', '%x', 'b"\\x00\\x00byte string\\x00"', '00006279746520737472696e6700', 11],
    ['byte support with uppercase hexadecimal formatting clause', '%X', 'b"byte string"', '6279746520737472696E67', 11],
    ['scientific notation formatting clause', '%.6e', '1052.032911275', '1.052033e+03', 11],
    ['scientific notation formatting clause with uint', '%.4e', '1052u', '1.0520e+03', 11],
    ['scientific notation formatting clause with int', '%.5e', '1052', '1.05200e+03', 11],
    ['default precision for fixed-point clause', '%f', '2.71828', '2.718280', 11],
    ['default precision for scientific notation', '%e', '2.71828', '2.718280e+00', 11],
    ['default precision for string', '%s', '2.71', '2.71', 11],
    ['default list precision for string', '%s', '[2.71]', '[2.71]', 21],
    ['default format for string', '%s', '0.000000002', '0.000000002', 11],
    ['default list scientific notation for string', '%s', '[0.000000002]', '[0.000000002]', 21],
    ['NaN support for fixed-point', '%f', 'double("NaN")', 'NaN', 12],
    ['positive infinity support for fixed-point', '%f', 'double("Infinity")', 'Infinity', 12],
    ['negative infinity support for fixed-point', '%f', 'double("-Infinity")', '-Infinity', 12],
    ['uint support for decimal clause', '%d', 'uint(64)', '64', 12],
    ['null support for string', 'null: %s', 'null', 'null: null', 11],
    ['int support for string', '%s', '999999999999', '999999999999', 11],
    ['bytes support for string', 'some bytes: %s', 'b"xyz"', 'some bytes: xyz', 12],
    ['type() support for string', 'type is %s', 'type("test string")', 'type is string', 12],
    ['timestamp support for string', '%s', 'timestamp("2023-02-03T23:31:20+00:00")', '2023-02-03T23:31:20Z', 12],
    ['duration support for string', '%s', 'duration("1h45m47s")', '6347s', 12],
    ['small duration support for string', '%s', 'duration("2ns")', '0.000000002s', 12],
    ['list support for string', '%s', '["abc", 3.14, null, [9, 8, 7, 6], timestamp("2023-02-03T23:31:20Z")]', '[abc, 3.14, null, [9, 8, 7, 6], 2023-02-03T23:31:20Z]', 32],
    ['map support for string', '%s', '{"key1": b"xyz", "key5": null, "key2": duration("2h"), "key4": true, "key3": 2.71828}', '{key1: xyz, key2: 7200s, key3: 2.71828, key4: true, key5: null}', 42],
    ['map support (all key types)', 'map with multiple key types: %s', '{1: "value1", uint(2): "value2", true: double("NaN")}', 'map with multiple key types: {1: value1, 2: value2, true: NaN}', 46],
    ['boolean support for %s', 'true bool: %s, false bool: %s', 'true, false', 'true bool: true, false bool: false', 13],
  ];
  test.each(cases)('%s: %j', (_name, format, args, want, cost) => {
    const o = run(`${JSON.stringify(format)}.format([${args}])`);
    expect(o.compileError).toBeUndefined();
    expect(o.value).toBe(want);
    expect(o.cost).toBe(cost);
  });

  test.each([
    ['NaN support for string', 'double("NaN")', 'NaN'],
    ['positive infinity support for string', 'double("Infinity")', 'Infinity'],
    ['negative infinity support for string', 'double("-Infinity")', '-Infinity'],
  ])('%s', (_name, arg, want) => {
    expect(value(`"%s".format([${arg}])`)).toBe(want);
  });

  test('infinity list support for string', () => {
    expect(value('"%s".format([[double("NaN"),double("+Infinity"), double("-Infinity")]])')).toBe('[NaN, Infinity, -Infinity]');
  });

  test('dyntype support (values only known at evaluation)', () => {
    const mc = { managedCluster: { i: 128, d: 4.5, l: [6, 4.2, 'a string'] } };
    expect(value('"dynamic int: %d, double: %.3f, list: %s".format([managedCluster.i, managedCluster.d, managedCluster.l])', mc))
      .toBe('dynamic int: 128, double: 4.500, list: [6, 4.2, a string]');
  });

  test.each([
    ['unrecognized formatting clause', '%a', '1', 'could not parse formatting clause: unrecognized formatting clause "a"'],
    ['out of bounds arg index', '%d %d %d', '0, 1', 'index 2 out of range'],
    ['string substitution is not allowed with binary clause', 'string is %b', '"abc"', 'error during formatting: only ints, uints, and bools can be formatted as binary, was given string'],
    ['duration substitution not allowed with decimal clause', '%d', 'duration("30m2s")', 'error during formatting: decimal clause can only be used on ints, uints, and doubles, was given google.protobuf.Duration'],
    ['string substitution not allowed with octal clause', 'octal: %o', '"a string"', 'error during formatting: octal clause can only be used on ints and uints, was given string'],
    ['double substitution not allowed with hex clause', 'double is %x', '0.5', 'error during formatting: only ints, uints, bytes, and strings can be formatted as hex, was given double'],
    ['uppercase not allowed for scientific clause', 'double is %E', '0.5', 'could not parse formatting clause: unrecognized formatting clause "E"'],
    ['null not allowed for %d', 'null: %d', 'null', 'error during formatting: decimal clause can only be used on ints, uints, and doubles, was given null_type'],
    ['null not allowed for %e', 'null: %e', 'null', 'error during formatting: scientific clause can only be used on ints, uints, and doubles, was given null_type'],
    ['null not allowed for %f', 'null: %f', 'null', 'error during formatting: fixed-point clause can only be used on ints, uints, and doubles, was given null_type'],
    ['null not allowed for %x', 'null: %x', 'null', 'error during formatting: only ints, uints, bytes, and strings can be formatted as hex, was given null_type'],
    ['null not allowed for %b', 'null: %b', 'null', 'error during formatting: only ints, uints, and bools can be formatted as binary, was given null_type'],
    ['null not allowed for %o', 'null: %o', 'null', 'error during formatting: octal clause can only be used on ints and uints, was given null_type'],
    ['compile-time cardinality check (too few for string)', '%s %s', '"abc"', 'index 1 out of range'],
    ['compile-time cardinality check (too many for string)', '%s %s', '"abc", "def", "ghi"', 'too many arguments supplied to string.format (expected 2, got 3)'],
    ['compile-time syntax check (unexpected end of string)', 'filler %', '', 'unexpected end of string'],
    ['compile-time syntax check (unrecognized formatting clause)', '%j', '123', 'could not parse formatting clause: unrecognized formatting clause "j"'],
    ['compile-time %d check', 'int is %d', 'null', 'error during formatting: decimal clause can only be used on ints, uints, and doubles, was given null_type'],
    ['compile-time %f check', 'double is %f', 'true', 'error during formatting: fixed-point clause can only be used on ints, uints, and doubles, was given bool'],
    ['compile-time %b check', 'string is %b', '"a string"', 'error during formatting: only ints, uints, and bools can be formatted as binary, was given string'],
    ['compile-time %x check', '%x is a double', '2.5', 'error during formatting: only ints, uints, bytes, and strings can be formatted as hex, was given double'],
    ['compile-time %o check', 'an octal: %o', '3.14', 'octal clause can only be used on ints and uints, was given double'],
    ['precision exceeds maximum', '%.9999999f', '3.14', 'precision 9999999 exceeds maximum allowed precision 100'],
  ])('fails %s: the format validator rejects the literal call when compiled', (_name, format, args, message) => {
    expect(run(`${JSON.stringify(format)}.format([${args}])`).compileError).toContain(message);
  });

  test('fails a format string known only at evaluation: the same checks apply at runtime', () => {
    expect(run('managedCluster.f.format([1])', { managedCluster: { f: 'x %a' } }).error).toBe('could not parse formatting clause: unrecognized formatting clause "a"');
    expect(run('managedCluster.f.format([])', { managedCluster: { f: 'filler %' } }).error).toBe('index 0 out of range');
  });
});
