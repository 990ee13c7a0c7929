// URLs with Go's net/url semantics and the Kubernetes CEL URL library (part of the OCM placement
// simulator). Facts: kubernetes/apiserver v0.35.4 pkg/cel/library/urls.go (`url()` requires
// url.ParseRequestURI to succeed, then keeps url.Parse's result; getters Scheme, Host, Hostname,
// Port, EscapedPath, Query), pkg/cel/url.go (`kubernetes.URL`, equality on the URL's String), and
// Go's net/url (getScheme, parse, parseAuthority, parseHost, validOptionalPort, unescape modes,
// setPath/EscapedPath, ParseQuery).
import { CelLibrary, memberOverload, overload } from './decls';
import { T, listOf, mapOf, objectType } from './types';
import { CelErr, CelVal, MapVal, OpaqueVal, isErr, makeMap, noSuchOverload } from './values';

type Mode = 'path' | 'host' | 'zone' | 'userPassword' | 'query' | 'fragment';

const isAlnum = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
const isHexDigit = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** net/url shouldEscape for one byte (as a one-character string). */
function shouldEscape(c: string, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  if (mode === 'host' || mode === 'zone') {
    if ('!$&\'()*+,;=:[]<>"'.includes(c)) return false;
  }
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    switch (mode) {
      case 'path':
        return c === '?';
      case 'userPassword':
        return '@/?:'.includes(c);
      case 'query':
        return true;
      case 'fragment':
        return false;
      default:
        break;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(c)) return false;
  return true;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** net/url unescape over the UTF-8 bytes of `s`; throws Go's error. */
function unescape(s: string, mode: Mode): string {
  let n = 0;
  let hasPlus = false;
  for (let i = 0; i < s.length;) {
    const c = s[i];
    if (c === '%') {
      n++;
      if (i + 2 >= s.length || !isHexDigit(s[i + 1]) || !isHexDigit(s[i + 2])) {
        let bad = s.slice(i);
        if (bad.length > 3) bad = bad.slice(0, 3);
        throw new Error(`invalid URL escape ${JSON.stringify(bad)}`);
      }
      if (mode === 'host' && parseInt(s[i + 1], 16) < 8 && s.slice(i, i + 3) !== '%25') throw new Error(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      if (mode === 'zone') {
        const v = parseInt(s.slice(i + 1, i + 3), 16);
        if (s.slice(i, i + 3) !== '%25' && v !== 0x20 && shouldEscape(String.fromCharCode(v), 'host')) throw new Error(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      }
      i += 3;
    } else if (c === '+') {
      hasPlus = mode === 'query';
      i++;
    } else {
      if ((mode === 'host' || mode === 'zone') && c.charCodeAt(0) < 0x80 && shouldEscape(c, mode)) throw new Error(`invalid character ${JSON.stringify(c)} in host name`);
      i++;
    }
  }
  if (n === 0 && !hasPlus) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length;) {
    const c = s[i];
    if (c === '%') {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
    } else if (c === '+') {
      bytes.push(mode === 'query' ? 0x20 : 0x2b);
      i++;
    } else {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...encoder.encode(ch));
      i += ch.length;
    }
  }
  return decoder.decode(new Uint8Array(bytes));
}

/** net/url escape. */
function escape(s: string, mode: Mode): string {
  let out = '';
  for (const b of encoder.encode(s)) {
    const c = String.fromCharCode(b);
    if (c === ' ' && mode === 'query') out += '+';
    else if (b >= 0x80 || shouldEscape(c, mode)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += c;
  }
  return out;
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  for (const c of port.slice(1)) if (c < '0' || c > '9') return false;
  return true;
}

function validEncoded(s: string, mode: Mode): boolean {
  for (const c of s) {
    if ('!$&\'()*+,;=:@[]%'.includes(c)) continue;
    if (c.charCodeAt(0) >= 0x80 || shouldEscape(c, mode)) return false;
  }
  return true;
}

function validUserinfo(s: string): boolean {
  for (const c of s) {
    if (isAlnum(c) || '-._:~!$&\'()*+,;=%@'.includes(c)) continue;
    if (c.charCodeAt(0) >= 0x80) continue;
    return false;
  }
  return true;
}

/** A parsed URL (the fields the CEL library reads). */
export interface GoURL {
  readonly scheme: string;
  readonly opaque: string;
  readonly host: string;
  readonly path: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly fragment: string;
  readonly userinfo?: string;
  readonly forceQuery: boolean;
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
    if ((c >= '0' && c <= '9') || c === '+' || c === '-' || c === '.') {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new Error('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new Error("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new Error(`invalid port ${JSON.stringify(colonPort)} after host`);
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) return unescape(host.slice(0, zone), 'host') + unescape(host.slice(zone, i), 'zone') + unescape(host.slice(i), 'host');
  } else {
    const i = host.lastIndexOf(':');
    if (i !== -1) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) throw new Error(`invalid port ${JSON.stringify(colonPort)} after host`);
    }
  }
  return unescape(host, 'host');
}

function parseInternal(raw: string, viaRequest: boolean): GoURL {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new Error('net/url: invalid control character in URL');
  if (raw === '' && viaRequest) throw new Error('empty url');
  if (raw === '*') return { scheme: '', opaque: '', host: '', path: '*', rawPath: '', rawQuery: '', fragment: '', forceQuery: false };
  let [scheme, rest] = getScheme(raw);
  scheme = scheme.toLowerCase();
  let rawQuery = '';
  let forceQuery = false;
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { scheme, opaque: rest, host: '', path: '', rawPath: '', rawQuery, fragment: '', forceQuery };
    if (viaRequest) throw new Error('invalid URI for request');
    const seg = rest.split('/')[0];
    if (seg.includes(':')) throw new Error('first path segment in URL cannot contain colon');
  }
  let host = '';
  let userinfo: string | undefined;
  if ((scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const at = authority.lastIndexOf('@');
    host = parseHost(at < 0 ? authority : authority.slice(at + 1));
    if (at >= 0) {
      const ui = authority.slice(0, at);
      if (!validUserinfo(ui)) throw new Error('net/url: invalid userinfo');
      for (const part of ui.split(':').slice(0, 2)) unescape(part, 'userPassword');
      userinfo = ui;
    }
  }
  const path = unescape(rest, 'path');
  const rawPath = escape(path, 'path') === rest ? '' : rest;
  return { scheme, opaque: '', host, path, rawPath, rawQuery, fragment: '', userinfo, forceQuery };
}

/** url.ParseRequestURI; throws `parse "<url>": <reason>`. */
export function parseRequestURI(raw: string): GoURL {
  try {
    return parseInternal(raw, true);
  } catch (e) {
    throw new Error(`parse ${JSON.stringify(raw)}: ${(e as Error).message}`);
  }
}

/** url.Parse (the fragment is split off first). */
export function parseURL(raw: string): GoURL {
  const hash = raw.indexOf('#');
  const u = hash >= 0 ? raw.slice(0, hash) : raw;
  const frag = hash >= 0 ? raw.slice(hash + 1) : '';
  let url: GoURL;
  try {
    url = parseInternal(u, false);
  } catch (e) {
    throw new Error(`parse ${JSON.stringify(u)}: ${(e as Error).message}`);
  }
  let fragment = '';
  try {
    fragment = unescape(frag, 'fragment');
  } catch (e) {
    throw new Error(`parse ${JSON.stringify(raw)}: ${(e as Error).message}`);
  }
  return { ...url, fragment };
}

function splitHostPort(hostPort: string): [string, string] {
  let host = hostPort;
  let port = '';
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(host.slice(colon))) {
    port = host.slice(colon + 1);
    host = host.slice(0, colon);
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return [host, port];
}

/** URL.EscapedPath. */
export function escapedPath(u: GoURL): string {
  if (u.rawPath !== '' && validEncoded(u.rawPath, 'path')) {
    try {
      if (unescape(u.rawPath, 'path') === u.path) return u.rawPath;
    } catch {
      // fall through
    }
  }
  if (u.path === '*') return '*';
  return escape(u.path, 'path');
}

/** url.ParseQuery, ignoring the pairs it rejects (URL.Query). */
export function parseQuery(q: string): [string, string[]][] {
  const m = new Map<string, string[]>();
  for (const part of q.split('&')) {
    if (part.includes(';') || part === '') continue;
    const eq = part.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = unescape(eq >= 0 ? part.slice(0, eq) : part, 'query');
      value = unescape(eq >= 0 ? part.slice(eq + 1) : '', 'query');
    } catch {
      continue;
    }
    const l = m.get(key);
    if (l) l.push(value);
    else m.set(key, [value]);
  }
  return [...m.entries()];
}

/** URL.String (for equality of two URL values). */
function urlString(u: GoURL): string {
  let out = '';
  if (u.scheme) out += `${u.scheme}:`;
  if (u.opaque) out += u.opaque;
  else {
    if (u.scheme || u.host || u.userinfo !== undefined) {
      if (u.host || u.path || u.userinfo !== undefined) out += '//';
      if (u.userinfo !== undefined) out += `${u.userinfo}@`;
      out += u.host;
    }
    out += escapedPath(u);
  }
  if (u.forceQuery || u.rawQuery) out += `?${u.rawQuery}`;
  if (u.fragment) out += `#${escape(u.fragment, 'fragment')}`;
  return out;
}

/** A CEL `kubernetes.URL` value. */
export class URLVal extends OpaqueVal {
  public readonly typeName = 'kubernetes.URL';
  constructor(public readonly url: GoURL) {
    super();
  }
  public equal(other: CelVal): boolean | CelErr {
    if (!(other instanceof URLVal)) return isErr(other) ? other : noSuchOverload();
    return urlString(this.url) === urlString(other.url);
  }
}

export const URL_TYPE = objectType('kubernetes.URL');

function stringToURL(s: string): CelVal {
  try {
    parseRequestURI(s);
    return new URLVal(parseURL(s));
  } catch (e) {
    return new CelErr(`URL parse error during conversion from string: ${(e as Error).message}`);
  }
}

const url = (v: CelVal): GoURL => (v as URLVal).url;

/** The URL library. */
export const URLS: CelLibrary = {
  name: 'kubernetes.urls',
  functions: [
    { name: 'url', overloads: [overload('string_to_url', [T.STRING], URL_TYPE, ([s]) => stringToURL(s as string))] },
    { name: 'getScheme', overloads: [memberOverload('url_get_scheme', [URL_TYPE], T.STRING, ([u]) => url(u).scheme)] },
    { name: 'getHost', overloads: [memberOverload('url_get_host', [URL_TYPE], T.STRING, ([u]) => url(u).host)] },
    { name: 'getHostname', overloads: [memberOverload('url_get_hostname', [URL_TYPE], T.STRING, ([u]) => splitHostPort(url(u).host)[0])] },
    { name: 'getPort', overloads: [memberOverload('url_get_port', [URL_TYPE], T.STRING, ([u]) => splitHostPort(url(u).host)[1])] },
    { name: 'getEscapedPath', overloads: [memberOverload('url_get_escaped_path', [URL_TYPE], T.STRING, ([u]) => escapedPath(url(u)))] },
    {
      name: 'getQuery',
      overloads: [memberOverload('url_get_query', [URL_TYPE], mapOf(T.STRING, listOf(T.STRING)), ([u]) => {
        const entries = parseQuery(url(u).rawQuery);
        return entries.length === 0 ? MapVal.EMPTY : makeMap(entries);
      })],
    },
    {
      name: 'isURL',
      overloads: [overload('is_url_string', [T.STRING], T.BOOL, ([s]) => {
        try {
          parseRequestURI(s as string);
          return true;
        } catch {
          return false;
        }
      })],
    },
  ],
};
