import 'cdktf/lib/testing/adapters/jest';
import { homedir, tmpdir } from 'node:os';
import { buildBootstrap } from '../../examples/terraform/main';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { ClusterAcceptance, KubeconfigSource, SpokeGrouping, SpokeStack } from '../../lib/terraform';
import { fleetHub, newApp, newHubStack, synthAll } from './support';

/** Strings that look like credentials: JWTs, PEM blocks (plain or base64), literal tokens or passwords. */
const SECRET_PATTERNS: [string, RegExp][] = [
  ['a JWT', /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
  ['a PEM block', /-----BEGIN [A-Z ]+-----/],
  ['a base64 PEM block', /LS0tLS1CRUdJT/],
  ['a literal token', /"(token|password|client_key|secret_key|access_key)"\s*:\s*"(?!\$\{)[^"]+"/i],
  ['a bootstrap token', /\b[a-z0-9]{6}\.[a-z0-9]{16}\b/],
];

function absolutePaths(text: string, outdir: string): string[] {
  const found: string[] = [];
  for (const p of [outdir, process.cwd(), tmpdir(), homedir()]) if (p.length > 1 && text.includes(p)) found.push(p);
  const m = text.match(/(^|["'\s=:])(\/(?:home|root|Users|tmp|var|private|work|opt|etc|usr|mnt|srv)\/[^"'\s]*)/m);
  if (m) found.push(m[2]);
  const win = text.match(/[A-Za-z]:\\\\[^"'\s]*/);
  if (win) found.push(win[0]);
  return found;
}

function checkHygiene(app: ReturnType<typeof newApp>): number {
  const { outdir, files, stacks } = synthAll(app);
  for (const [file, text] of Object.entries(files)) {
    expect({ file, absolutePaths: absolutePaths(text, outdir) }).toEqual({ file, absolutePaths: [] });
    for (const [what, re] of SECRET_PATTERNS) expect({ file, what, match: re.exec(text)?.[0] }).toEqual({ file, what, match: undefined });
  }
  for (const [id, stack] of Object.entries<any>(stacks)) {
    for (const [name, output] of Object.entries<any>(stack.output ?? {})) {
      // Anything that can carry the token (the token itself, kubeconfigs, cross-stack exports) is sensitive.
      if (/token|kubeconfig|cross-stack/.test(name)) expect({ id, name, sensitive: output.sensitive }).toEqual({ id, name, sensitive: true });
    }
    for (const [name, variable] of Object.entries<any>(stack.variable ?? {})) {
      if (/token/.test(name)) expect({ id, name, sensitive: variable.sensitive }).toEqual({ id, name, sensitive: true });
    }
    for (const release of Object.values<any>(stack.resource?.helm_release ?? {})) {
      // The bootstrap kubeconfig only ever travels in set_sensitive, never in values or set.
      expect(JSON.stringify([release.values, release.set])).not.toMatch(/bootstrapHubKubeConfig|\btoken:\s/i);
    }
  }
  return Object.keys(files).length;
}

describe('synthesized files hold no secret and no machine path', () => {
  test('the example app', () => {
    const app = newApp();
    buildBootstrap(app);
    expect(checkHygiene(app)).toBeGreaterThan(13);
  });

  test('every feature at once: variables, manifests, grouped spokes, manual acceptance', () => {
    const app = newApp();
    const hub = fleetHub();
    hub.addManifestWork('env', {
      cluster: hub.cluster('prod-eu-1'),
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'env', namespace: 'default' }, data: { note: 'see ${HOME}' } }],
    });
    const hubStack = newHubStack(app, hub, {
      kubeconfig: KubeconfigSource.hostAndToken({ hostVariable: 'hub_host', tokenVariable: 'hub_token', caVariable: 'hub_ca' }),
      apiServerUrl: undefined,
      acceptance: ClusterAcceptance.manual(),
      applyHubManifests: true,
    });
    const kubeconfigs = Object.fromEntries(hub.clusters.map((c) => {
      const v = c.name.replace(/-/g, '_');
      return [c.name, KubeconfigSource.hostAndToken({ hostVariable: `${v}_host`, tokenVariable: `${v}_token`, caVariable: `${v}_ca` })];
    }));
    SpokeStack.forHub(app, hubStack, { kubeconfigs, grouping: SpokeGrouping.byLabel('env') });
    expect(checkHygiene(app)).toBeGreaterThan(4);
  });

  test('the check itself catches cdktf\'s default local backend and a literal token', () => {
    const app = newApp();
    const stack = new TerraformStack(app, 'careless');
    new TerraformOutput(stack, 'token', { value: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl' });
    expect(() => checkHygiene(app)).toThrow(/absolutePaths|JWT/);
  });
});
