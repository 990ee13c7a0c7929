// The Kubernetes CEL named-format library (`library.Format()`): `format.named(name)`, one
// zero-argument function per format (`format.dns1123Label()`, ...) and `<format>.validate(s)`,
// which returns optional.none() when `s` is valid and the list of validation errors otherwise.
// Facts: kubernetes/apiserver v0.35.4 pkg/cel/library/format.go and pkg/cel/format.go; the
// validators and their messages from k8s.io/apimachinery v0.36.3 pkg/util/validation
// (IsDNS1123Label/Subdomain, IsDNS1035Label: "must be no more than N characters"),
// pkg/api/validate/content (IsLabelKey, IsLabelValue: "must be no more than N bytes"),
// pkg/api/validation/generic.go (prefix variants via maskTrailingDash) and
// k8s.io/kube-openapi pkg/validation/strfmt (uuid, byte, date, datetime).
import { CelLibrary, memberOverload, overload } from './decls';
import { compileRegexp } from './re2';
import { T, listOf, objectType, optionalOf } from './types';
import { parseRequestURI } from './urls';
import { CelErr, CelVal, OpaqueVal, OptionalVal, isErr, noSuchOverload } from './values';

const utf8Len = (s: string): number => new TextEncoder().encode(s).length;
const matches = (re: string, s: string): boolean => compileRegexp(re).match(s);

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const LABEL_KEY = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = `(${LABEL_KEY})?`;

function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (utf8Len(v) > 63) errs.push('must be no more than 63 characters');
  if (!matches(`^${DNS1123_LABEL}$`, v)) {
    if (matches(`^${DNS1123_SUBDOMAIN}$`, v)) errs.push('must not contain dots');
    else errs.push(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL, 'my-name', '123-abc'));
  }
  return errs;
}

function isDNS1123Subdomain(v: string, contentPkg = false): string[] {
  const errs: string[] = [];
  if (utf8Len(v) > 253) errs.push(`must be no more than 253 ${contentPkg ? 'bytes' : 'characters'}`);
  if (!matches(`^${DNS1123_SUBDOMAIN}$`, v)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN, 'example.com'));
  }
  return errs;
}

function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (utf8Len(v) > 63) errs.push('must be no more than 63 characters');
  if (!matches(`^${DNS1035_LABEL}$`, v)) {
    errs.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL, 'my-name', 'abc-123'));
  }
  return errs;
}

const LABEL_KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

function isQualifiedName(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(prefix, true).map((m) => `prefix part ${m}`));
  } else {
    return [`a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (utf8Len(name) > 63) errs.push('name part must be no more than 63 bytes');
  if (!matches(`^${LABEL_KEY}$`, name)) errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

function isLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (utf8Len(v) > 63) errs.push('must be no more than 63 bytes');
  if (!matches(`^${LABEL_VALUE}$`, v)) {
    errs.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LABEL_VALUE, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

/** apimachinery validation maskTrailingDash (the *Prefix formats validate generateName prefixes). */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dim = mo === 2 ? ((y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= dim;
}

/** strfmt IsDateTime. */
function isDateTime(s: string): boolean {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0])) return false;
  const m = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/.exec(parts[1]);
  if (!m) return false;
  return m[1] <= '23' && m[2] <= '59' && m[3] <= '59';
}

const UUID_PATTERN = '(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$';
const BASE64 = '^(?:[A-Za-z0-9+\\/]{4})*(?:[A-Za-z0-9+\\/]{2}==|[A-Za-z0-9+\\/]{3}=|[A-Za-z0-9+\\/]{4})$';
const DATETIME_PATTERN = '^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$';

interface NamedFormat {
  readonly name: string;
  readonly validate: (s: string) => string[];
  readonly maxRegexSize: number;
}

/** ConstantFormats of apiserver library/format.go. */
export const CONSTANT_FORMATS: Readonly<Record<string, NamedFormat>> = {
  dns1123Label: { name: 'DNS1123Label', validate: (s) => isDNS1123Label(s), maxRegexSize: 30 },
  dns1123Subdomain: { name: 'DNS1123Subdomain', validate: (s) => isDNS1123Subdomain(s), maxRegexSize: 60 },
  dns1035Label: { name: 'DNS1035Label', validate: (s) => isDNS1035Label(s), maxRegexSize: 30 },
  qualifiedName: { name: 'QualifiedName', validate: isQualifiedName, maxRegexSize: 60 },
  dns1123LabelPrefix: { name: 'DNS1123LabelPrefix', validate: (s) => isDNS1123Label(maskTrailingDash(s)), maxRegexSize: 30 },
  dns1123SubdomainPrefix: { name: 'DNS1123SubdomainPrefix', validate: (s) => isDNS1123Subdomain(maskTrailingDash(s)), maxRegexSize: 60 },
  dns1035LabelPrefix: { name: 'DNS1035LabelPrefix', validate: (s) => isDNS1035Label(maskTrailingDash(s)), maxRegexSize: 30 },
  labelValue: { name: 'LabelValue', validate: isLabelValue, maxRegexSize: 40 },
  uri: {
    name: 'URI',
    validate: (s) => {
      try {
        parseRequestURI(s);
        return [];
      } catch (e) {
        return [(e as Error).message];
      }
    },
    maxRegexSize: 1103,
  },
  uuid: { name: 'uuid', validate: (s) => (matches(UUID_PATTERN, s) ? [] : ['does not match the UUID format']), maxRegexSize: UUID_PATTERN.length },
  byte: { name: 'byte', validate: (s) => (matches(BASE64, s) ? [] : ['invalid base64']), maxRegexSize: 84 },
  date: { name: 'date', validate: (s) => (isDate(s) ? [] : ['invalid date']), maxRegexSize: DATETIME_PATTERN.length },
  datetime: { name: 'datetime', validate: (s) => (isDateTime(s) ? [] : ['invalid datetime']), maxRegexSize: DATETIME_PATTERN.length },
};

/** A CEL `kubernetes.NamedFormat` value. */
export class FormatVal extends OpaqueVal {
  public readonly typeName = 'kubernetes.NamedFormat';
  constructor(public readonly format: NamedFormat) {
    super();
  }
  public equal(other: CelVal): boolean | CelErr {
    if (!(other instanceof FormatVal)) return isErr(other) ? other : noSuchOverload();
    return this.format.name === other.format.name;
  }
}

export const FORMAT_TYPE = objectType('kubernetes.NamedFormat');

/** The format library. */
export const FORMAT: CelLibrary = {
  name: 'kubernetes.format',
  functions: [
    {
      name: 'validate',
      overloads: [memberOverload('format-validate', [FORMAT_TYPE, T.STRING], optionalOf(listOf(T.STRING)), ([f, s]) => {
        const errs = (f as FormatVal).format.validate(s as string);
        return errs.length === 0 ? OptionalVal.NONE : OptionalVal.of(errs);
      })],
    },
    {
      name: 'format.named',
      overloads: [overload('format-named', [T.STRING], optionalOf(FORMAT_TYPE), ([n]) => {
        const f = Object.prototype.hasOwnProperty.call(CONSTANT_FORMATS, n as string) ? CONSTANT_FORMATS[n as string] : undefined;
        return f ? OptionalVal.of(new FormatVal(f)) : OptionalVal.NONE;
      })],
    },
    ...Object.entries(CONSTANT_FORMATS).map(([name, f]) => ({
      name: `format.${name}`,
      overloads: [overload(`format.${name}`, [], FORMAT_TYPE, () => new FormatVal(f))],
    })),
  ],
};
