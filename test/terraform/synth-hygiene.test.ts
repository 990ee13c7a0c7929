import 'cdktf/lib/testing/adapters/jest';
import { homedir, tmpdir } from 'node:os';
import { ApiObject, Testing as K8sTesting, Yaml } from 'cdk8s';
import * as YAML from 'yaml';
import { buildFleet } from '../../examples/fleet';
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

/**
 * Credentials in Kubernetes YAML, line by line (so YAML embedded in ConfigMaps and works is
 * scanned too): a literal password, token or secret key, kubeconfig key material, PEM private
 * keys (plain or base64), bearer tokens and JWTs.
 */
const YAML_SECRET_PATTERNS: [string, RegExp][] = [
  ['a literal password', /^[ \t]*(?:- )?["']?(?:password|passwd|pwd)["']?[ \t]*:[ \t]*(?![ \t]*(?:\{\{|$|""|''|null\b|~))\S.*/im],
  ['a literal token', /^[ \t]*(?:- )?["']?(?:token|bearer[-_]?token|id[-_]token|refresh[-_]token|access[-_]token|auth[-_]token)["']?[ \t]*:[ \t]*(?![ \t]*(?:\{\{|$|""|''|null\b|~))\S.*/im],
  ['a literal secret key', /^[ \t]*(?:- )?["']?(?:client[-_]secret|secret[-_]?key|access[-_]?key|private[-_]?key|api[-_]?key)["']?[ \t]*:[ \t]*(?![ \t]*(?:\{\{|$|""|''|null\b|~))\S.*/im],
  ['kubeconfig key material', /^[ \t]*(?:- )?["']?client-(?:key|certificate)-data["']?[ \t]*:/im],
  ['a PEM private key', /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/],
  ['a base64 PEM block', /LS0tLS1CRUdJT/],
  ['a bearer token', /\bBearer[ \t]+[A-Za-z0-9\-._~+/]{16,}=*/],
  ['a JWT', /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
];

/** Each credential-like line of a YAML text, with what it looks like. */
function yamlSecrets(text: string): string[] {
  const found: string[] = [];
  for (const [what, re] of YAML_SECRET_PATTERNS) {
    const m = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (const hit of text.matchAll(m)) found.push(`${what}: ${hit[0].trim()}`);
  }
  // Objects that carry secret data whatever their keys are called.
  for (const doc of YAML.parseAllDocuments(text)) {
    const o = doc.toJSON();
    if (o?.kind === 'Secret' && (o.data || o.stringData)) found.push(`a Secret with data: ${o.metadata?.namespace}/${o.metadata?.name}`);
  }
  return found;
}

describe('the example hub YAML holds no secret', () => {
  test('the cdk8s YAML GitOps applies to the hub, the same text cdk8s synth writes', () => {
    const { hub } = buildFleet({ outdir: 'unused' });
    const text = Yaml.stringify(...K8sTesting.synth(hub));
    expect(text.length).toBeGreaterThan(10000);
    expect(text).toContain('kind: ClusterManager');
    expect(yamlSecrets(text)).toEqual([]);
  });

  test('the check catches a secret planted in the hub YAML, embedded YAML included', () => {
    const planted = (object: Record<string, unknown>) => {
      const { hub } = buildFleet({ outdir: 'unused' });
      new ApiObject(hub, 'planted', object as any);
      return yamlSecrets(Yaml.stringify(...K8sTesting.synth(hub)));
    };
    const cm = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'leak', namespace: 'fleet-apps' }, data });
    expect(planted(cm({ 'db.yaml': 'user: app\npassword: hunter2\n' }))).toEqual(['a literal password: password: hunter2']);
    expect(planted(cm({ 'kubeconfig': 'users:\n- name: x\n  user:\n    token: abcdef0123456789\n' }))).toEqual(['a literal token: token: abcdef0123456789']);
    expect(planted(cm({ 'kubeconfig': 'users:\n- user:\n    client-key-data: QUJD\n' }))).toEqual(['kubeconfig key material: client-key-data:']);
    expect(planted(cm({ 'key.pem': '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n' }))).toEqual(['a PEM private key: -----BEGIN RSA PRIVATE KEY-----']);
    expect(planted(cm({ 'curl.sh': 'curl -H "Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345" https://x' }))).toEqual(['a bearer token: Bearer abcdefghijklmnopqrstuvwxyz012345']);
    expect(planted({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'fleet-apps' }, data: { anything: 'eA==' } })).toEqual(['a Secret with data: fleet-apps/creds']);
    // references and templates are not secrets
    expect(planted(cm({ 'values.yaml': 'password: {{ .Values.db.password }}\ntoken:\n  secretRef: creds\n' }))).toEqual([]);
  });
});

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
