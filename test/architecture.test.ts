// The layering of lib/ (../shared/DESIGN.md "Layers and folders"), checked on the source text:
// L2 folders and core never import the simulators (lib/plan) or L3 (lib/fleet), and lib/terraform
// reads the Hub's public facts, never underscore-prefixed (@internal) members or modules of L2.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(__dirname, '..');
const lib = join(root, 'lib');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every relative import or re-export of `file`, resolved to a path under lib/ (`ocm/_util`). */
function importsOf(file: string): { target: string; names: string[] }[] {
  const text = readFileSync(file, 'utf8');
  const out: { target: string; names: string[] }[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?([\s\S]*?)\s*from\s+'(\.[^']*)'/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const target = relative(lib, resolve(dirname(file), m[2])).split('\\').join('/');
    const names = (m[1].match(/\{([\s\S]*)\}/)?.[1] ?? '').split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]).filter(Boolean);
    out.push({ target, names });
  }
  return out;
}

const L2 = ['core', 'ocm', 'sveltos', 'inventory', 'karmada', 'kubefleet'];

describe('architecture', () => {
  test('L2 folders and core import neither lib/plan nor lib/fleet', () => {
    const problems: string[] = [];
    for (const folder of L2) {
      for (const file of filesUnder(join(lib, folder))) {
        for (const { target } of importsOf(file)) {
          const top = target.split('/')[0];
          if (top === 'plan' || top === 'fleet') problems.push(`${relative(root, file)} imports lib/${target}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('core never imports cdktf, and cdk8s only as types (the L2 base FleetResource is a Construct)', () => {
    const problems = filesUnder(join(lib, 'core'))
      .filter((f) => /from 'cdktf'|^import (?!type )[^;]*from 'cdk8s'/m.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(problems).toEqual([]);
  });

  test('the L2 constructs that own one L1 object extend FleetResource', () => {
    const problems: string[] = [];
    for (const folder of L2.filter((f) => f !== 'core')) {
      for (const file of filesUnder(join(lib, folder))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/^export (?:abstract )?class (\w+) extends Construct\b[^{]*\{([\s\S]*?)^\}/gm)) {
          if (/public (?:abstract )?readonly apiObject\b/.test(m[2]) && /public (?:abstract )?readonly name\b/.test(m[2])) problems.push(`${relative(root, file)}: ${m[1]}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('no fluent API: no method of the constructs returns `this` (aws-cdk design guidelines)', () => {
    const problems: string[] = [];
    for (const file of filesUnder(lib)) {
      const rel = relative(lib, file).split('\\').join('/');
      if (rel.startsWith('imports/') || rel.startsWith('plan/ocm/cel')) continue;
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (/\):\s*this\s*\{/.test(line)) problems.push(`${relative(root, file)}:${i + 1}`);
      });
    }
    expect(problems).toEqual([]);
  });

  test('lib/terraform uses no underscore-prefixed (@internal) module, name or member of L2 and L3', () => {
    const files = filesUnder(join(lib, 'terraform'));
    const problems: string[] = [];
    // underscore members lib/terraform declares itself (calls among its own classes are fine)
    const own = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/^\s*(?:public|private|protected)\s+(?:static\s+)?(?:readonly\s+)?(?:get\s+)?(_[A-Za-z]\w*)\s*[(:=<]/gm)) own.add(m[1]);
    for (const f of files) {
      for (const { target, names } of importsOf(f)) {
        // its own modules, and core: the shared foundation of every layer (validators, values, order)
        if (target.startsWith('terraform/') || target.startsWith('core/')) continue;
        if (target.split('/').some((part) => part.startsWith('_'))) problems.push(`${relative(root, f)} imports internal module lib/${target}`);
        for (const n of names) if (n.startsWith('_')) problems.push(`${relative(root, f)} imports internal ${n} from lib/${target}`);
        const file = join(lib, `${target}.ts`);
        const source = existsSync(file) ? readFileSync(file, 'utf8') : '';
        for (const n of names) {
          const doc = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export (?:declare )?(?:abstract )?(?:class|function|const|interface|enum|type) ${n}\\b`).exec(source);
          if (doc && /@internal/.test(doc[1])) problems.push(`${relative(root, f)} imports ${n}, which lib/${target} marks @internal`);
        }
      }
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\.(_[A-Za-z]\w*)/g)) {
        if (!own.has(m[1])) problems.push(`${relative(root, f)} uses ${m[1]}, which lib/terraform does not declare`);
      }
    }
    expect(problems).toEqual([]);
  });
});
