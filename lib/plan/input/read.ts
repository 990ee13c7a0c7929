// Reading the input files safely: regular files only (a FIFO, a device, a socket or a directory
// symlink loop is refused without being opened or followed forever), at most `maxFileSize` bytes
// per file, UTF-8 only (UTF-16 and invalid UTF-8 are reported with the fix), and YAML parsed one
// document at a time, so a file of many documents never holds more than one parsed document.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, Stats, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { Composer, isMap, isScalar, isSeq, LineCounter, Node, Parser, Scalar, YAMLMap } from 'yaml';
import { Order } from '../../core/order';
import type { InputReport } from './report';

/** The default limit per file: 64 MiB. @internal */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;
/** How many YAML aliases one document may expand (the yaml library's own default; a "billion laughs" guard). */
const MAX_ALIAS_COUNT = 100;
const CHUNK = 1024 * 1024;
const INPUT_FILE = /\.(ya?ml|json)$/;

/** An input file: its path, how errors name it (as the user typed the folder) and how warnings do (relative). @internal */
export interface InputFile {
  readonly path: string;
  readonly display: string;
  readonly rel: string;
}

/** The original text of a YAML scalar and whether it was plain (unquoted). @internal */
export interface ScalarSource {
  readonly text: string;
  readonly plain: boolean;
}

/** One object-like document (or `items` entry of a List) and where it came from. @internal */
export interface RawObject {
  readonly value: Record<string, any>;
  readonly file: InputFile;
  /** 1-based line of the object in a YAML file. */
  readonly line?: number;
  /** `items[3]` for an entry of a List. */
  readonly item?: number;
  /** The YAML source of the scalar at `path` under the object; undefined for JSON. */
  scalar(path: readonly (string | number)[]): ScalarSource | undefined;
}

/** `64 MiB`, `1.5 MiB`, `12 KiB`, `300 bytes`. @internal */
export function formatBytes(n: number): string {
  const units: [number, string][] = [[1024 ** 3, 'GiB'], [1024 ** 2, 'MiB'], [1024, 'KiB']];
  for (const [size, unit] of units) {
    if (n >= size) return `${Number.isInteger(n / size) ? n / size : (n / size).toFixed(1)} ${unit}`;
  }
  return `${n} bytes`;
}

function whatIs(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);
}

/**
 * The .yaml/.yml/.json files at `root` (a file is read whatever its name; a folder recursively, in
 * sorted order, skipping the plan's own fleet-plan.json). Refuses what is not a regular file and
 * directory symlink loops, as problems of `report`.
 * @internal
 */
export function listInputFiles(root: string, report: InputReport): InputFile[] {
  let st: Stats;
  try {
    st = statSync(root);
  } catch (e) {
    const code = errno(e);
    report.problem({ file: root, message: code === 'ENOENT' ? 'no such file or directory' : code === 'ELOOP' ? 'is a symbolic link loop' : `cannot be read (${code})` });
    return [];
  }
  if (st.isFile()) return [{ path: root, display: root, rel: basename(root) }];
  if (!st.isDirectory()) {
    report.problem({ file: root, message: `is ${whatIs(st)}, not a regular file or a folder; cdk-fleet reads .yaml, .yml and .json files (save the output to a file first)` });
    return [];
  }
  const files: InputFile[] = [];
  const walk = (dir: string, rel: string, ancestors: readonly { real: string; display: string }[]): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort(Order.strings);
    } catch (e) {
      report.problem({ file: join(root, rel), message: `cannot be read (${errno(e)})` });
      return;
    }
    for (const e of entries) {
      const path = join(dir, e);
      const r = rel ? `${rel}/${e}` : e;
      const display = join(root, r);
      const wanted = INPUT_FILE.test(e) && e !== 'fleet-plan.json';
      let s: Stats;
      try {
        s = statSync(path);
      } catch (err) {
        const code = errno(err);
        if (code === 'ELOOP') report.problem({ file: display, message: 'is a symbolic link loop (it points back to itself); remove it' });
        else if (wanted) report.problem({ file: display, message: code === 'ENOENT' ? 'is a broken symbolic link' : `cannot be read (${code})` });
        continue;
      }
      if (s.isDirectory()) {
        let real: string;
        try {
          real = realpathSync(path);
        } catch (err) {
          report.problem({ file: display, message: `cannot be read (${errno(err)})` });
          continue;
        }
        const loop = ancestors.find((a) => a.real === real);
        if (loop) {
          report.problem({ file: display, message: `is a symbolic link to ${loop.display}, which contains it: a directory loop; remove the link or plan a folder without it` });
          continue;
        }
        walk(path, r, [...ancestors, { real, display }]);
      } else if (wanted) {
        if (s.isFile()) files.push({ path, display, rel: r });
        else report.problem({ file: display, message: `is ${whatIs(s)}, not a regular file; cdk-fleet reads only regular files (remove it or save its output to a file)` });
      }
    }
  };
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    // statSync succeeded, so realpath only fails on a race: walk without loop detection of the root
  }
  walk(root, '', [{ real, display: root }]);
  return files;
}

/** The first invalid UTF-8 byte of `buf` (at or after `from`), or -1. */
function firstInvalidUtf8(buf: Buffer, from: number): number {
  let i = from;
  while (i < buf.length) {
    const b = buf[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // overlong 3-byte forms, UTF-16 surrogates, overlong 4-byte forms and code points over U+10FFFF
    if ((b === 0xe0 && buf[i + 1] < 0xa0) || (b === 0xed && buf[i + 1] >= 0xa0) || (b === 0xf0 && buf[i + 1] < 0x90) || (b === 0xf4 && buf[i + 1] >= 0x90)) return i;
    i += n + 1;
  }
  return -1;
}

/** 1-based line and column of byte `offset` in `buf`. */
function lineColumn(buf: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = buf.indexOf(10); i >= 0 && i < offset; i = buf.indexOf(10, i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * The text of `file` as UTF-8 (a UTF-8 byte-order mark is dropped), or undefined after reporting
 * why it cannot be read: not a regular file, over `maxFileSize`, UTF-16/32, NUL bytes, invalid UTF-8.
 * Opened non-blocking, so a FIFO swapped in after listing never blocks.
 * @internal
 */
export function readInputFile(file: InputFile, maxFileSize: number, report: InputReport): string | undefined {
  let fd: number;
  try {
    fd = openSync(file.path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    report.problem({ file: file.display, message: `cannot be read (${errno(e)})` });
    return undefined;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      report.problem({ file: file.display, message: `is ${whatIs(st)}, not a regular file; cdk-fleet reads only regular files` });
      return undefined;
    }
    const tooLarge = (size: string) => report.problem({
      file: file.display,
      message: `is ${size}, over the limit of ${formatBytes(maxFileSize)} per file; split it, or raise the limit with --max-file-size (e.g. --max-file-size ${Math.ceil((Math.max(st.size, total) * 2) / (1024 * 1024))}Mi)`,
    });
    if (st.size > maxFileSize) {
      tooLarge(formatBytes(st.size));
      return undefined;
    }
    // Read to the end, whatever stat said (a file may grow, /proc files say 0), never past the limit.
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxFileSize + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > maxFileSize) {
        tooLarge(`over ${formatBytes(maxFileSize)}`);
        return undefined;
      }
    }
  } catch (e) {
    report.problem({ file: file.display, message: `cannot be read (${errno(e)})` });
    return undefined;
  } finally {
    closeSync(fd);
  }
  return decodeUtf8(Buffer.concat(chunks, total), file, report);
}

/** `buf` as text, or undefined after reporting an encoding problem. @internal */
export function decodeUtf8(buf: Buffer, file: InputFile, report: InputReport): string | undefined {
  const name = file.display;
  const bom = (...bytes: number[]) => bytes.every((b, i) => buf[i] === b);
  const utf32 = bom(0xff, 0xfe, 0x00, 0x00) ? 'UTF-32 (little-endian, byte-order mark FF FE 00 00)' : bom(0x00, 0x00, 0xfe, 0xff) ? 'UTF-32 (big-endian, byte-order mark 00 00 FE FF)' : undefined;
  const utf16 = utf32 ? undefined : bom(0xff, 0xfe) ? 'UTF-16 (little-endian, byte-order mark FF FE)' : bom(0xfe, 0xff) ? 'UTF-16 (big-endian, byte-order mark FE FF)' : undefined;
  if (utf32 || utf16) {
    const from = utf32 ? 'UTF-32' : 'UTF-16';
    report.problem({ file: name, message: `is encoded as ${utf32 ?? utf16}, not UTF-8; Kubernetes YAML and JSON are UTF-8: convert it, e.g. iconv -f ${from} -t UTF-8 ${name} > ${name}.utf8 and rename it (PowerShell: Set-Content -Encoding utf8)` });
    return undefined;
  }
  const start = bom(0xef, 0xbb, 0xbf) ? 3 : 0;
  const nul = buf.indexOf(0, start);
  if (nul >= 0) {
    const { line } = lineColumn(buf, nul);
    report.problem({ file: name, message: `contains a NUL byte (line ${line}, byte ${nul}): it is UTF-16 without a byte-order mark, or not a text file; save it as UTF-8, e.g. iconv -f UTF-16LE -t UTF-8 ${name} > ${name}.utf8` });
    return undefined;
  }
  if (!isUtf8(buf.subarray(start))) {
    const at = firstInvalidUtf8(buf, start);
    const { line, column } = lineColumn(buf, at);
    report.problem({ file: name, message: `is not valid UTF-8: byte 0x${buf[at].toString(16).toUpperCase().padStart(2, '0')} at line ${line}, column ${column} (Latin-1 or Windows-1252 text?); save it as UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8 ${name} > ${name}.utf8` });
    return undefined;
  }
  return buf.toString('utf8', start);
}

function describeDocument(v: unknown): string {
  if (Array.isArray(v)) return `a list of ${v.length} (a YAML sequence)`;
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)})`;
  return `a ${typeof v} (${String(v)})`;
}

/** The first line of a parser error, without the code frame. */
function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
}

/**
 * The objects of one file's text: every document, one at a time; `kind: List` (and typed lists
 * such as ManagedClusterList) give their items. Empty documents are skipped; documents that are
 * not mappings are skipped with a warning naming the file; syntax errors are problems.
 * @internal
 */
export function* objectsOfText(text: string, file: InputFile, report: InputReport): Generator<RawObject> {
  if (file.path.endsWith('.json')) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      report.problem({ file: file.display, message: `invalid JSON: ${firstLine((e as Error).message)}` });
      return;
    }
    yield* objectsOfValue(v, file, report, undefined, () => undefined);
    return;
  }
  const lines = new LineCounter();
  const composer = new Composer({ merge: true, uniqueKeys: true });
  let docs: Generator<any>;
  try {
    docs = composer.compose(new Parser(lines.addNewLine).parse(text), true, text.length);
  } catch (e) {
    report.problem({ file: file.display, message: `cannot be parsed (${firstLine((e as Error).message)})` });
    return;
  }
  for (;;) {
    let doc: any;
    try {
      const next = docs.next();
      if (next.done) break;
      doc = next.value;
    } catch (e) {
      // The parser is recursive: absurd nesting ends here rather than in a crash.
      report.problem({ file: file.display, message: e instanceof RangeError ? 'nests too deeply to be read (is it generated by mistake?)' : `cannot be parsed (${firstLine((e as Error).message)})` });
      return;
    }
    const at = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);
    if (doc.errors.length) {
      const err = doc.errors[0];
      const pos = lines.linePos(err.pos[0]);
      const why = /Maximum call stack/.test(err.message) ? 'it nests too deeply to be read (is it generated by mistake?)' : firstLine(err.message);
      report.problem({ file: file.display, message: `invalid YAML at line ${pos.line}, column ${pos.col}: ${why}` });
      continue;
    }
    let v: unknown;
    try {
      v = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const line = at(doc.contents?.range?.[0]);
      report.problem({ file: file.display, message: `document at line ${line}: ${e instanceof RangeError ? 'nests too deeply to be read' : firstLine((e as Error).message)} (YAML aliases are limited to ${MAX_ALIAS_COUNT} per document)` });
      continue;
    }
    const root: Node | null = doc.contents;
    const scalarAt = (node: unknown) => (path: readonly (string | number)[]): ScalarSource | undefined => {
      const n = isMap(node) || isSeq(node) ? (node as YAMLMap).getIn(path as (string | number)[], true) : undefined;
      if (!isScalar(n) || !n.range) return undefined;
      return { text: text.slice(n.range[0], n.range[1]).trimEnd(), plain: (n as Scalar).type === Scalar.PLAIN };
    };
    const itemNode = (i: number) => {
      const items = isMap(root) ? root.get('items', true) : undefined;
      return isSeq(items) ? items.items[i] : undefined;
    };
    yield* objectsOfValue(v, file, report, at(root?.range?.[0]), (item) => {
      const node = item === undefined ? root : itemNode(item);
      return { line: item === undefined ? at(root?.range?.[0]) : at((node as Node | undefined)?.range?.[0]), scalar: scalarAt(node) };
    });
  }
}

function* objectsOfValue(
  v: unknown, file: InputFile, report: InputReport, line: number | undefined,
  locate: (item: number | undefined) => { line?: number; scalar: RawObject['scalar'] } | undefined,
): Generator<RawObject> {
  if (v === null || v === undefined) return;
  const where = line ? `document at line ${line}` : 'the document';
  if (typeof v !== 'object' || Array.isArray(v)) {
    report.warn(file.rel, `${where} is ${describeDocument(v)}, not a Kubernetes object; skipped`);
    return;
  }
  const o = v as Record<string, any>;
  const at = (item: number | undefined) => locate(item) ?? { scalar: () => undefined };
  if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) {
    // kubectl get -o yaml gives `kind: List`; the API itself gives typed lists whose items carry no kind.
    const itemKind = o.kind === 'List' ? undefined : o.kind.slice(0, -'List'.length);
    for (let i = 0; i < o.items.length; i++) {
      const x = o.items[i];
      const loc = at(i);
      if (x === null || typeof x !== 'object' || Array.isArray(x)) {
        report.warn(file.rel, `items[${i}] of the ${o.kind}${loc.line ? ` at line ${loc.line}` : ''} is ${describeDocument(x)}, not a Kubernetes object; skipped`);
        continue;
      }
      const item = itemKind && x.kind === undefined ? { apiVersion: o.apiVersion, kind: itemKind, ...x } : x;
      yield { value: item, file, line: loc.line, item: i, scalar: loc.scalar };
    }
    return;
  }
  const loc = at(undefined);
  yield { value: o, file, line: loc.line, scalar: loc.scalar };
}
