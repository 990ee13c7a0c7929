// Output must not depend on the machine's locale or time zone (issue 9): the example fleet, its
// plan and its Terraform bootstrap synthesized under two locales and two time zones are byte for
// byte the same; and no locale-sensitive API is used in lib/ outside a justified allow-list.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Every file under `dir`, relative path to content. */
function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** Synthesizes the example fleet (hub YAML, plan, Terraform) in a child process with `env`. */
function synthUnder(env: Record<string, string>): Map<string, Buffer> {
  const work = mkdtempSync(join(tmpdir(), 'cdk-fleet-locale-'));
  const script = join(work, 'synth.ts');
  writeFileSync(script, [
    `import { App } from ${JSON.stringify(require.resolve('cdktf', { paths: [ROOT] }))};`,
    `import { buildFleet } from ${JSON.stringify(join(ROOT, 'examples', 'fleet'))};`,
    `import { buildBootstrap } from ${JSON.stringify(join(ROOT, 'examples', 'terraform', 'main'))};`,
    `buildFleet({ outdir: ${JSON.stringify(join(work, 'out', 'hub'))}, printFindings: false }).app.synth();`,
    `const tf = new App({ outdir: ${JSON.stringify(join(work, 'out', 'terraform'))} });`,
    'buildBootstrap(tf);',
    'tf.synth();',
  ].join('\n'));
  const r = spawnSync(TSX, [script], { cwd: work, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env }, timeout: 240_000 });
  if (r.status !== 0) throw new Error(`synth under ${JSON.stringify(env)} failed:\n${r.stderr}\n${r.stdout}`);
  return filesOf(join(work, 'out'));
}

describe('locale independence', () => {
  test('the example fleet synthesizes byte for byte the same under en_US/UTC and lt_LT/Pacific/Chatham', () => {
    const a = synthUnder({ LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8', TZ: 'UTC' });
    const b = synthUnder({ LANG: 'lt_LT.UTF-8', LC_ALL: 'lt_LT.UTF-8', TZ: 'Pacific/Chatham' });
    expect(a.size).toBeGreaterThan(10);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const differing = [...a.keys()].filter((k) => !a.get(k)!.equals(b.get(k)!));
    expect(differing).toEqual([]);
  }, 300_000);

  test('lib/ uses no locale-sensitive API (localeCompare, Intl.Collator, toLocale*) outside the allow-list', () => {
    // Each allowed use, with why it is locale-independent.
    const ALLOWED: Record<string, string> = {
      // CEL timestamp functions with a time zone argument: a fixed 'en-US' locale and explicit
      // timeZone, only to read the zone's offset (cel-go uses Go's time.LoadLocation).
      'lib/plan/ocm/cel/time.ts': 'Intl.DateTimeFormat(\'en-US\', { timeZone })',
    };
    const pattern = /localeCompare|Intl\.(Collator|DateTimeFormat|NumberFormat|RelativeTimeFormat|ListFormat|PluralRules|Segmenter)|toLocale(String|DateString|TimeString|LowerCase|UpperCase)/;
    const hits: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        if (statSync(p).isDirectory()) {
          if (e !== 'imports') walk(p);
          continue;
        }
        if (!p.endsWith('.ts')) continue;
        const rel = relative(ROOT, p).split('\\').join('/');
        readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
          if (line.trim().startsWith('//') || line.trim().startsWith('*')) return;
          if (pattern.test(line) && !(rel in ALLOWED && line.includes(ALLOWED[rel].split('(')[0]))) hits.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
      }
    };
    walk(join(ROOT, 'lib'));
    expect(hits).toEqual([]);
  });
});
