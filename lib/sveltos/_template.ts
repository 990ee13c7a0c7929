/**
 * Which `{{ ... }}` actions Sveltos' template engine can run.
 *
 * Sveltos instantiates Helm values (always) and policyRef content marked `projectsveltos.io/template`
 * with Go `text/template`, option `missingkey=error`, over the data `.Cluster`, `.MgmtResources`,
 * `.InfrastructureProvider` and `.KubeadmControlPlane`, with sprig and its own functions
 * (../shared/reference/sveltos.md §1.10, §2). Any other action — Prometheus/Alertmanager/Grafana
 * text (`{{ $labels.instance }}`, `{{ .Labels.alertname }}`), Kyverno (`{{ request.object... }}`),
 * Helm's own (`{{ .Release.Name }}`, `{{ include ... }}`) — fails to parse or to execute on every
 * cluster. This module finds them, without rejecting legitimate Sveltos templates: unknown data is
 * only checked where `.` is the root (not inside range/with/define), and every sprig, Sveltos and
 * Go builtin function is allowed.
 * @internal
 */

/** The fields of the template data (`.Cluster`, ...). */
const DATA_ROOTS = new Set(['Cluster', 'MgmtResources', 'InfrastructureProvider', 'KubeadmControlPlane']);

/** Go text/template builtins. */
const GO_BUILTINS = ['and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne'];

/** libsveltos funcmap extras and the resource helpers of the addon-controller. */
const SVELTOS_FUNCTIONS = [
  'toToml', 'fromToml', 'toYaml', 'fromYaml', 'fromYamlArray', 'toJson', 'fromJson', 'fromJsonArray',
  'getResource', 'copy', 'getField', 'setField', 'removeField', 'chainSetField', 'chainRemoveField',
];

/** sprig v3 (GenericFuncMap), plus a few names later releases added. */
const SPRIG_FUNCTIONS = [
  'hello', 'ago', 'date', 'date_in_zone', 'date_modify', 'dateInZone', 'dateModify', 'duration', 'durationRound', 'htmlDate',
  'htmlDateInZone', 'must_date_modify', 'mustDateModify', 'mustToDate', 'now', 'toDate', 'unixEpoch',
  'abbrev', 'abbrevboth', 'trunc', 'trim', 'upper', 'lower', 'title', 'untitle', 'substr', 'repeat', 'trimall', 'trimAll',
  'trimSuffix', 'trimPrefix', 'nospace', 'initials', 'randAlphaNum', 'randAlpha', 'randAscii', 'randNumeric', 'randSeededNumeric',
  'swapcase', 'shuffle', 'snakecase', 'camelcase', 'kebabcase', 'wrap', 'wrapWith', 'contains', 'hasPrefix', 'hasSuffix',
  'quote', 'squote', 'cat', 'indent', 'nindent', 'replace', 'plural', 'sha1sum', 'sha256sum', 'sha512sum', 'adler32sum', 'toString',
  'atoi', 'int64', 'int', 'float64', 'seq', 'toDecimal', 'split', 'splitList', 'splitn', 'toStrings', 'until', 'untilStep',
  'add1', 'add', 'sub', 'div', 'mod', 'mul', 'randInt', 'add1f', 'addf', 'subf', 'divf', 'mulf', 'biggest', 'max', 'min',
  'maxf', 'minf', 'ceil', 'floor', 'round', 'join', 'sortAlpha', 'default', 'empty', 'coalesce', 'all', 'any', 'compact',
  'mustCompact', 'fromJson', 'toJson', 'toPrettyJson', 'toRawJson', 'mustFromJson', 'mustToJson', 'mustToPrettyJson',
  'mustToRawJson', 'ternary', 'deepCopy', 'mustDeepCopy', 'typeOf', 'typeIs', 'typeIsLike', 'kindOf', 'kindIs', 'deepEqual',
  'env', 'expandenv', 'getHostByName', 'base', 'dir', 'clean', 'ext', 'isAbs', 'osBase', 'osClean', 'osDir', 'osExt', 'osIsAbs',
  'b64enc', 'b64dec', 'b32enc', 'b32dec', 'tuple', 'list', 'dict', 'get', 'set', 'unset', 'hasKey', 'pluck', 'keys', 'pick',
  'omit', 'merge', 'mergeOverwrite', 'mustMerge', 'mustMergeOverwrite', 'values', 'append', 'push', 'mustAppend', 'mustPush',
  'prepend', 'mustPrepend', 'first', 'mustFirst', 'rest', 'mustRest', 'last', 'mustLast', 'initial', 'mustInitial', 'reverse',
  'mustReverse', 'uniq', 'mustUniq', 'without', 'mustWithout', 'has', 'mustHas', 'slice', 'mustSlice', 'concat', 'dig', 'chunk',
  'mustChunk', 'bcrypt', 'htpasswd', 'genPrivateKey', 'derivePassword', 'buildCustomCert', 'genCA', 'genCAWithKey',
  'genSelfSignedCert', 'genSelfSignedCertWithKey', 'genSignedCert', 'genSignedCertWithKey', 'encryptAES', 'decryptAES',
  'randBytes', 'uuidv4', 'semver', 'semverCompare', 'fail', 'regexMatch', 'mustRegexMatch', 'regexFindAll', 'mustRegexFindAll',
  'regexFind', 'mustRegexFind', 'regexReplaceAll', 'mustRegexReplaceAll', 'regexReplaceAllLiteral', 'mustRegexReplaceAllLiteral',
  'regexSplit', 'mustRegexSplit', 'regexQuoteMeta', 'urlParse', 'urlJoin',
];

const FUNCTIONS = new Set([...GO_BUILTINS, ...SVELTOS_FUNCTIONS, ...SPRIG_FUNCTIONS]);
const LITERALS = new Set(['true', 'false', 'nil']);

/** An action Sveltos cannot run. @internal */
export interface ForeignAction {
  /** The action as written, e.g. `{{ $labels.instance }}`. */
  readonly action: string;
  /** Why, e.g. `undefined variable $labels`. */
  readonly reason: string;
}

type Token =
  | { t: 'str' | 'num' | 'punct' | 'assign' | 'dot' }
  | { t: 'ident'; name: string }
  | { t: 'field'; root: string; chained: boolean }
  | { t: 'var'; name: string; root?: string }
  | { t: 'bad'; text: string };

interface Frame {
  readonly kind: string;
  rebound: boolean;
  readonly isolated: boolean;
  readonly vars: Set<string>;
}

const IDENT = /[A-Za-z0-9_]/;

function tokenize(body: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = body.length;
  const chain = (): string => {
    // consume `.a.b.c` after an operand; returns the first segment
    let first = '';
    while (body[i] === '.' && IDENT.test(body[i + 1] ?? '')) {
      i++;
      const s = i;
      while (i < n && IDENT.test(body[i])) i++;
      if (!first) first = body.slice(s, i);
    }
    return first;
  };
  while (i < n) {
    const ch = body[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      i++;
      while (i < n && body[i] !== ch) i += body[i] === '\\' ? 2 : 1;
      i++;
      out.push({ t: 'str' });
      continue;
    }
    if (ch === '`') {
      i = body.indexOf('`', i + 1);
      i = i < 0 ? n : i + 1;
      out.push({ t: 'str' });
      continue;
    }
    if (ch === '(' || ch === '|' || ch === ',') {
      i++;
      out.push({ t: 'punct' });
      continue;
    }
    if (ch === ')') {
      i++;
      out.push({ t: 'punct' });
      if (body[i] === '.' && IDENT.test(body[i + 1] ?? '')) {
        out.push({ t: 'field', root: chain(), chained: true });
      }
      continue;
    }
    if (ch === ':' && body[i + 1] === '=') {
      i += 2;
      out.push({ t: 'assign' });
      continue;
    }
    if (ch === '=') {
      i++;
      out.push({ t: 'assign' });
      continue;
    }
    if (ch === '$') {
      const s = i++;
      while (i < n && IDENT.test(body[i])) i++;
      const name = body.slice(s, i);
      const root = chain();
      out.push({ t: 'var', name, ...(root ? { root } : {}) });
      continue;
    }
    if (/[0-9]/.test(ch) || ((ch === '-' || ch === '+' || ch === '.') && /[0-9]/.test(body[i + 1] ?? ''))) {
      i++;
      while (i < n && (/[\w.]/.test(body[i]) || ((body[i] === '+' || body[i] === '-') && /[eEpP]/.test(body[i - 1])))) i++;
      out.push({ t: 'num' });
      continue;
    }
    if (ch === '.') {
      if (IDENT.test(body[i + 1] ?? '')) out.push({ t: 'field', root: chain(), chained: false });
      else {
        i++;
        out.push({ t: 'dot' });
      }
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const s = i;
      while (i < n && IDENT.test(body[i])) i++;
      out.push({ t: 'ident', name: body.slice(s, i) });
      chain(); // a field of a function result: nothing to check
      continue;
    }
    out.push({ t: 'bad', text: ch });
    i++;
  }
  return out;
}

/** The actions of `text` Sveltos' template engine cannot parse or execute. @internal */
export function foreignTemplateActions(text: string): ForeignAction[] {
  const found: ForeignAction[] = [];
  const stack: Frame[] = [{ kind: 'root', rebound: false, isolated: true, vars: new Set(['$']) }];
  const defined = new Set<string>();
  const called: { action: string; name: string }[] = [];
  const top = () => stack[stack.length - 1];
  const dotIsRoot = (): boolean => {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k].rebound) return false;
      if (stack[k].isolated) return true;
    }
    return true;
  };
  const declared = (name: string): boolean => {
    if (name === '$') return true;
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k].vars.has(name)) return true;
      if (stack[k].isolated) return false;
    }
    return false;
  };
  const strName = (body: string): string | undefined => /^\s*(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`)/.exec(body)?.slice(1).find((x) => x !== undefined);

  let pos = 0;
  while (true) {
    const open = text.indexOf('{{', pos);
    if (open < 0) break;
    const close = closingOf(text, open);
    if (close < 0) {
      found.push({ action: text.slice(open, open + 40).split('\n')[0], reason: 'the action is never closed with }}' });
      break;
    }
    pos = close + 2;
    const action = text.slice(open, pos);
    let body = text.slice(open + 2, close);
    if (/^-\s/.test(body)) body = body.slice(1);
    if (/\s-$/.test(body)) body = body.slice(0, -1);
    body = body.trim();
    if (body.startsWith('/*')) continue; // comment
    let flagged = false;
    const problem = (reason: string) => {
      if (!flagged) found.push({ action, reason }); // the first reason per action is enough
      flagged = true;
    };

    const kw = /^(if|else|end|range|with|define|template|block|break|continue)\b/.exec(body)?.[1];
    let rest = kw ? body.slice(kw.length) : body;
    let push: Frame | undefined;
    if (kw === 'end') {
      if (stack.length === 1) problem('{{ end }} closes nothing');
      else stack.pop();
      continue;
    }
    if (kw === 'break' || kw === 'continue') continue;
    if (kw === 'define') {
      const name = strName(rest);
      if (name !== undefined) defined.add(name);
      stack.push({ kind: 'define', rebound: true, isolated: true, vars: new Set(['$']) });
      continue;
    }
    if (kw === 'template' || kw === 'block') {
      const m = /^\s*(?:"(?:[^"\\]|\\.)*"|`[^`]*`)/.exec(rest);
      const name = strName(rest);
      if (name !== undefined) (kw === 'block' ? defined.add(name) : called.push({ action, name }));
      rest = m ? rest.slice(m[0].length) : rest;
      if (kw === 'block') push = { kind: 'block', rebound: true, isolated: true, vars: new Set(['$']) };
    } else if (kw === 'else') {
      const sub = /^\s*(if|with)\b/.exec(rest);
      const frame = top();
      if (stack.length === 1) {
        problem('{{ else }} outside if/range/with');
        continue;
      }
      frame.rebound = sub?.[1] === 'with';
      if (sub) rest = rest.slice(sub[0].length);
      else continue;
    } else if (kw === 'if' || kw === 'range' || kw === 'with') {
      push = { kind: kw, rebound: kw !== 'if', isolated: false, vars: new Set() };
    }

    const tokens = tokenize(rest);
    // declarations: `$x :=`, `$i, $e :=` (range), or assignment `$x =`
    const decl: string[] = [];
    let start = 0;
    const isVar = (k: number) => tokens[k]?.t === 'var' && !(tokens[k] as { root?: string }).root;
    if (isVar(0) && tokens[1]?.t === 'assign') {
      decl.push((tokens[0] as { name: string }).name);
      start = 2;
    } else if (isVar(0) && tokens[1]?.t === 'punct' && isVar(2) && tokens[3]?.t === 'assign') {
      decl.push((tokens[0] as { name: string }).name, (tokens[2] as { name: string }).name);
      start = 4;
    }
    const root = dotIsRoot();
    for (const tok of tokens.slice(start)) {
      if (tok.t === 'bad') problem(`${JSON.stringify(tok.text)} is not valid in a Go template action`);
      else if (tok.t === 'ident' && !LITERALS.has(tok.name) && !FUNCTIONS.has(tok.name)) {
        problem(`function "${tok.name}" is not defined (Sveltos has Go's builtins, sprig and its own helpers)`);
      } else if (tok.t === 'field' && !tok.chained && root && !DATA_ROOTS.has(tok.root)) {
        problem(`.${tok.root} is not in the template data (only .Cluster, .MgmtResources, .InfrastructureProvider and .KubeadmControlPlane)`);
      } else if (tok.t === 'var') {
        if (!declared(tok.name)) problem(`undefined variable ${tok.name}`);
        else if (tok.name === '$' && tok.root && !DATA_ROOTS.has(tok.root)) {
          problem(`$.${tok.root} is not in the template data (only .Cluster, .MgmtResources, .InfrastructureProvider and .KubeadmControlPlane)`);
        }
      }
    }
    if (push) stack.push(push);
    for (const v of decl) top().vars.add(v);
  }
  if (stack.length > 1 && found.length === 0) {
    found.push({ action: `{{ ${stack[stack.length - 1].kind} ... }}`, reason: 'it has no matching {{ end }}' });
  }
  for (const c of called) if (!defined.has(c.name)) found.push({ action: c.action, reason: `template "${c.name}" is not defined in the same content` });
  return dedupe(found);
}

/** Index of the `}}` closing the action opened at `open`, skipping quoted strings and comments; -1 if none. */
function closingOf(text: string, open: number): number {
  let i = open + 2;
  const n = text.length;
  const afterTrim = /^-\s/.test(text.slice(i, i + 2)) ? i + 1 : i;
  const lead = /^\s*/.exec(text.slice(afterTrim))![0].length;
  if (text.startsWith('/*', afterTrim + lead)) {
    const end = text.indexOf('*/', afterTrim + lead + 2);
    if (end < 0) return -1;
    const m = /^\s*-?\s*\}\}/.exec(text.slice(end + 2));
    return m ? end + 2 + m[0].length - 2 : -1;
  }
  while (i < n) {
    const ch = text[i];
    if (ch === '}' && text[i + 1] === '}') return i;
    if (ch === '"' || ch === "'") {
      i++;
      while (i < n && text[i] !== ch && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      if (i >= n || text[i] === '\n') return -1;
      i++;
      continue;
    }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) return -1;
      i = end + 1;
      continue;
    }
    i++;
  }
  return -1;
}

function dedupe(list: ForeignAction[]): ForeignAction[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const k = `${f.action}\n${f.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `{{ x }}` escaped so that Sveltos outputs it verbatim: `{{ "{{" }} x }}`. @internal */
export function escapeAction(action: string): string {
  return `{{ "{{" }}${action.slice(2)}`;
}

/** Up to three foreign actions in words, for messages. @internal */
export function describeForeign(found: readonly ForeignAction[]): string {
  const shown = found.slice(0, 3).map((f) => `${f.action} (${f.reason})`).join(', ');
  return found.length > 3 ? `${shown} and ${found.length - 3} more` : shown;
}
