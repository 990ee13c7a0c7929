import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FleetValidationError } from '../../lib/core/errors';
import { PlanInputReader, ReadInputOptions } from '../../lib/plan/input';
import { InputProblemsError, problemLine } from '../../lib/plan/input/report';
import { readObjects } from '../../lib/plan/io';

type Obj = Record<string, any>;

const root = mkdtempSync(join(tmpdir(), 'cdk-fleet-io-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let count = 0;

/** A new folder holding `files` (name → content). */
function folder(files: Record<string, string | Buffer>): string {
  const dir = join(root, `in${count++}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** Reads `dir`: the objects, the warnings (`subject: message`) and the problems (one line each, the folder as DIR). */
function read(dir: string, options: ReadInputOptions = {}, base = dir): { objects: Obj[]; warnings: string[]; problems: string[] } {
  const reader = new PlanInputReader();
  const input = reader.read(dir, options);
  let problems: string[] = [];
  try {
    reader.throwIfProblems();
  } catch (e) {
    if (!(e instanceof InputProblemsError)) throw e;
    problems = e.problems.map((p) => problemLine(p).split(base).join('DIR'));
  }
  return { objects: input.objects, warnings: input.warnings.map((w) => `${w.subject}: ${w.message}`), problems };
}

const POLICY = `# A policy-collection style policy: no namespace, applied with kubectl apply -n policies
apiVersion: policy.open-cluster-management.io/v1
kind: Policy
metadata:
  name: policy-namespace
  annotations:
    policy.open-cluster-management.io/standards: NIST SP 800-53
spec:
  remediationAction: inform
  disabled: false
  policy-templates:
    - objectDefinition:
        apiVersion: policy.open-cluster-management.io/v1
        kind: ConfigurationPolicy
        metadata: { name: policy-namespace-example }
        spec:
          severity: low
          object-templates:
            - complianceType: musthave
              objectDefinition: { kind: Namespace, apiVersion: v1, metadata: { name: prod } }
---
apiVersion: policy.open-cluster-management.io/v1
kind: PlacementBinding
metadata: { name: binding-policy-namespace }
placementRef: { name: placement-policy-namespace, kind: Placement, apiGroup: cluster.open-cluster-management.io }
subjects: [{ name: policy-namespace, kind: Policy, apiGroup: policy.open-cluster-management.io }]
---
apiVersion: cluster.open-cluster-management.io/v1beta1
kind: Placement
metadata: { name: placement-policy-namespace }
spec: { predicates: [{ requiredClusterSelector: { labelSelector: { matchExpressions: [{ key: env, operator: In, values: [dev] }] } } }] }
---
apiVersion: cluster.open-cluster-management.io/v1beta2
kind: ManagedClusterSet
metadata: { name: dev }
`;

describe('namespaced objects without a namespace (policy-collection and Helm style)', () => {
  test('fails without --namespace: each is reported with its file and line, cluster-scoped kinds are not', () => {
    const dir = folder({ 'policy-namespace.yaml': POLICY });
    const r = read(dir);
    const fix = "is namespaced but has no metadata.namespace (kubectl would apply it to the current context's namespace); add metadata.namespace, or plan with --namespace NAMESPACE as for kubectl apply -n NAMESPACE";
    expect(r.problems).toEqual([
      `DIR/policy-namespace.yaml:2: Policy policy-namespace: ${fix}`,
      `DIR/policy-namespace.yaml:22: PlacementBinding binding-policy-namespace: ${fix}`,
      `DIR/policy-namespace.yaml:28: Placement placement-policy-namespace: ${fix}`,
    ]);
  });

  test('--namespace gives them the namespace, as kubectl apply -n does; cluster-scoped kinds keep none', () => {
    const dir = folder({
      'policy-namespace.yaml': POLICY,
      'sveltos.yaml': 'apiVersion: config.projectsveltos.io/v1beta1\nkind: ClusterProfile\nmetadata: { name: cni, namespace: ignored }\nspec: {}\n',
    });
    const r = read(dir, { namespace: 'policies' });
    expect(r.problems).toEqual([]);
    expect(r.objects.map((o) => [o.kind, o.metadata.namespace])).toEqual([
      ['Policy', 'policies'], ['PlacementBinding', 'policies'], ['Placement', 'policies'], ['ManagedClusterSet', undefined], ['ClusterProfile', undefined],
    ]);
  });

  test('fails when an object names another namespace than --namespace (kubectl apply -n refuses it too)', () => {
    const dir = folder({ 'p.yaml': 'apiVersion: cluster.open-cluster-management.io/v1beta1\nkind: Placement\nmetadata: { name: p, namespace: apps }\nspec: {}\n' });
    expect(read(dir, { namespace: 'policies' }).problems).toEqual([
      'DIR/p.yaml:1: Placement apps/p: metadata.namespace "apps" does not match --namespace policies (kubectl apply -n policies refuses it too); remove one of them',
    ]);
  });
});

const SOURCE_CLUSTER = `apiVersion: cluster.open-cluster-management.io/v1
kind: ManagedCluster
metadata:
  name: prod-1
  labels: { env: prod }
spec:
  hubAcceptsClient: true
  taints: [{ key: maintenance, effect: NoSelect }]
`;
const EXPORTED_CLUSTERS = `apiVersion: v1
kind: List
metadata: { resourceVersion: "" }
items:
- apiVersion: cluster.open-cluster-management.io/v1
  kind: ManagedCluster
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: |
        {"apiVersion":"cluster.open-cluster-management.io/v1","kind":"ManagedCluster","metadata":{"name":"prod-1"}}
    creationTimestamp: "2025-01-10T09:00:00Z"
    finalizers: [cluster.open-cluster-management.io/api-resource-cleanup]
    generation: 3
    labels:
      cluster.open-cluster-management.io/clusterset: default
      env: prod
      feature.open-cluster-management.io/addon-work-manager: available
    managedFields: [{ manager: kubectl, operation: Update }]
    name: prod-1
    resourceVersion: "48211"
    uid: 5b0c6a4e-0f7e-4a55-9a57-3c1f4f0d9a10
  spec:
    hubAcceptsClient: true
    leaseDurationSeconds: 60
    managedClusterClientConfigs: [{ caBundle: Zm9v, url: "https://api.prod-1.example.com:6443" }]
    taints: [{ effect: NoSelect, key: maintenance, timeAdded: "2025-01-10T09:00:00Z" }]
  status:
    allocatable: { cpu: "8", memory: 32Gi }
    capacity: { cpu: 8, memory: 32Gi }
    clusterClaims: [{ name: region.open-cluster-management.io, value: eu-west-1 }]
    conditions: [{ type: ManagedClusterConditionAvailable, status: "True", lastTransitionTime: "2025-01-10T09:01:00Z", reason: ManagedClusterAvailable, message: ok }]
`;

describe('the same object twice (a source file and its kubectl get -o yaml export)', () => {
  test('the same content is one object, planned from the export (it has the status), with a warning', () => {
    const dir = folder({ 'src/cluster.yaml': SOURCE_CLUSTER, 'export/managedclusters.yaml': EXPORTED_CLUSTERS });
    const r = read(dir);
    expect(r.problems).toEqual([]);
    expect(r.objects).toHaveLength(1);
    expect(r.objects[0].status.clusterClaims).toEqual([{ name: 'region.open-cluster-management.io', value: 'eu-west-1' }]);
    expect(r.warnings).toEqual([
      'ManagedCluster prod-1: defined 2 times with the same content (status and server-set metadata aside) in export/managedclusters.yaml, src/cluster.yaml; planned once, from export/managedclusters.yaml',
    ]);
  });

  test('schema defaults the export carries and empty maps do not make a difference', () => {
    const placement = 'apiVersion: cluster.open-cluster-management.io/v1beta1\nkind: Placement\nmetadata: { name: p, namespace: apps }\n';
    const dir = folder({
      'a.yaml': `${placement}spec: { tolerations: [{ key: maintenance }] }\n`,
      'b.yaml': `${placement}spec: { tolerations: [{ key: maintenance, operator: Equal }], spreadPolicy: {} }\nstatus: { numberOfSelectedClusters: 1 }\n`,
    });
    const r = read(dir);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual(['Placement apps/p: defined 2 times with the same content (status and server-set metadata aside) in a.yaml, b.yaml; planned once, from b.yaml']);
  });

  test('fails when the copies differ, naming both files and the first difference', () => {
    const dir = folder({
      'src/cluster.yaml': SOURCE_CLUSTER.replace('env: prod', 'env: staging'),
      'export/managedclusters.yaml': EXPORTED_CLUSTERS,
    });
    expect(read(dir).problems).toEqual([
      'DIR/src/cluster.yaml:1: ManagedCluster prod-1: is also defined in DIR/export/managedclusters.yaml:5 with different content: metadata.labels.env is "staging" here and "prod" there; keep one definition (status and server-set metadata such as resourceVersion are not compared)',
    ]);
  });
});

describe('documents that are not objects', () => {
  test('a bare string, number or list document is skipped with a warning naming the file', () => {
    const dir = folder({ 'mixed.yaml': `just a note\n---\n42\n---\n- a\n- b\n---\n${SOURCE_CLUSTER}` });
    const r = read(dir);
    expect(r.problems).toEqual([]);
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['prod-1']);
    expect(r.warnings).toEqual([
      'mixed.yaml: document at line 1 is a string ("just a note"), not a Kubernetes object; skipped',
      'mixed.yaml: document at line 3 is a number (42), not a Kubernetes object; skipped',
      'mixed.yaml: document at line 5 is a list of 2 (a YAML sequence), not a Kubernetes object; skipped',
    ]);
  });

  test('values files, Chart.yaml and kustomization.yaml are skipped with a warning', () => {
    const dir = folder({
      'values.yaml': 'replicaCount: 2\n',
      'Chart.yaml': 'apiVersion: v2\nname: hub\nversion: 1.0.0\n',
      'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [hub.yaml]\n',
      'hub.yaml': SOURCE_CLUSTER,
    });
    const r = read(dir);
    expect(r.problems).toEqual([]);
    expect(r.objects).toHaveLength(1);
    expect(r.warnings).toEqual([
      'Chart.yaml: document at line 1 is a mapping without kind (a Helm values file or Chart.yaml?), not a Kubernetes object; skipped',
      'kustomization.yaml: document at line 1 is a Kustomization (kustomize.config.k8s.io/v1beta1), client-side configuration rather than an object for the hub; skipped (plan the output of kustomize build instead)',
      'values.yaml: document at line 1 is a mapping without kind or apiVersion (a Helm values file or Chart.yaml?), not a Kubernetes object; skipped',
    ]);
  });

  test('fails on a UTF-16 file (byte-order mark), with the fix', () => {
    const dir = folder({ 'win.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SOURCE_CLUSTER, 'utf16le')]) });
    expect(read(dir).problems).toEqual([
      'DIR/win.yaml: is encoded as UTF-16 (little-endian, byte-order mark FF FE), not UTF-8; Kubernetes YAML and JSON are UTF-8: convert it, e.g. iconv -f UTF-16 -t UTF-8 DIR/win.yaml > DIR/win.yaml.utf8 and rename it (PowerShell: Set-Content -Encoding utf8)',
    ]);
  });

  test('fails on NUL bytes (UTF-16 without a byte-order mark)', () => {
    const dir = folder({ 'nobom.yaml': Buffer.from(SOURCE_CLUSTER, 'utf16le') });
    expect(read(dir).problems).toEqual([
      'DIR/nobom.yaml: contains a NUL byte (line 1, byte 1): it is UTF-16 without a byte-order mark, or not a text file; save it as UTF-8, e.g. iconv -f UTF-16LE -t UTF-8 DIR/nobom.yaml > DIR/nobom.yaml.utf8',
    ]);
  });

  test('fails on invalid UTF-8, naming line and column; a UTF-8 byte-order mark is fine', () => {
    const dir = folder({
      'latin1.yaml': Buffer.concat([Buffer.from(`${SOURCE_CLUSTER}  annotations: { owner: "Ren`), Buffer.from([0xe9]), Buffer.from('" }\n')]),
      'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SOURCE_CLUSTER.replace('prod-1', 'prod-2'))]),
    });
    const r = read(dir);
    expect(r.problems).toEqual([
      'DIR/latin1.yaml: is not valid UTF-8: byte 0xE9 at line 9, column 29 (Latin-1 or Windows-1252 text?); save it as UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8 DIR/latin1.yaml > DIR/latin1.yaml.utf8',
    ]);
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['prod-2']);
  });

  test('fails on invalid YAML and JSON, naming where', () => {
    const dir = folder({ 'a.yaml': 'kind: [unclosed\n', 'b.json': '{"kind": "ManagedCluster",}' });
    expect(read(dir).problems).toEqual([
      'DIR/a.yaml: invalid YAML at line 2, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
      expect.stringMatching(/^DIR\/b\.json: invalid JSON: /),
    ]);
  });
});

describe('apiVersions the hub no longer serves', () => {
  test('are planned as the served version, with a warning naming it', () => {
    const dir = folder({
      'old.yaml': [
        'apiVersion: cluster.open-cluster-management.io/v1alpha1\nkind: Placement\nmetadata: { name: web, namespace: apps }\nspec: { numberOfClusters: 2 }',
        'apiVersion: cluster.open-cluster-management.io/v1beta1\nkind: ManagedClusterSet\nmetadata: { name: prod }\nspec: { clusterSelector: { selectorType: LegacyClusterSetLabel } }',
        'apiVersion: config.projectsveltos.io/v1alpha1\nkind: ClusterProfile\nmetadata: { name: cni }\nspec: { clusterSelector: "env=prod" }',
      ].join('\n---\n'),
    });
    const r = read(dir);
    expect(r.problems).toEqual([]);
    expect(r.objects.map((o) => o.apiVersion)).toEqual(['cluster.open-cluster-management.io/v1beta1', 'cluster.open-cluster-management.io/v1beta2', 'config.projectsveltos.io/v1beta1']);
    expect(r.objects[1].spec.clusterSelector.selectorType).toBe('ExclusiveClusterSetLabel');
    expect(r.objects[2].spec.clusterSelector).toEqual({ matchLabels: { env: 'prod' } });
    expect(r.warnings).toEqual([
      'ClusterProfile cni: old.yaml: apiVersion config.projectsveltos.io/v1alpha1 is no longer served by the hub (removed in projectsveltos/addon-controller 28b720f6 (2025-02)); planned as config.projectsveltos.io/v1beta1, the served version (spec.clusterSelector "env=prod" read as {"matchLabels":{"env":"prod"}}, as the v1alpha1 to v1beta1 conversion did): change the apiVersion before applying',
      'ManagedClusterSet prod: old.yaml: apiVersion cluster.open-cluster-management.io/v1beta1 is no longer served by the hub (removed in open-cluster-management-io/api 9675ab73 (#266, 2023-08)); planned as cluster.open-cluster-management.io/v1beta2, the served version (selectorType LegacyClusterSetLabel read as ExclusiveClusterSetLabel, as the v1beta1 to v1beta2 conversion did): change the apiVersion before applying',
      'Placement apps/web: old.yaml: apiVersion cluster.open-cluster-management.io/v1alpha1 is no longer served by the hub (removed in open-cluster-management-io/api 86605928 (#179, 2022-09)); planned as cluster.open-cluster-management.io/v1beta1, the served version: change the apiVersion before applying',
    ]);
  });

  test('deprecated versions still served are planned as they are, with a warning; a misspelt kind is pointed out', () => {
    const dir = folder({
      'msa.yaml': 'apiVersion: authentication.open-cluster-management.io/v1alpha1\nkind: ManagedServiceAccount\nmetadata: { name: sveltos, namespace: prod-1 }\nspec: {}\n'
        + '---\napiVersion: cluster.open-cluster-management.io/v1beta1\nkind: Placment\nmetadata: { name: web, namespace: apps }\n',
    });
    const r = read(dir);
    expect(r.objects.map((o) => o.apiVersion)).toEqual(['authentication.open-cluster-management.io/v1alpha1', 'cluster.open-cluster-management.io/v1beta1']);
    expect(r.warnings).toEqual([
      'ManagedServiceAccount prod-1/sveltos: msa.yaml: apiVersion authentication.open-cluster-management.io/v1alpha1 is deprecated; the hub serves authentication.open-cluster-management.io/v1beta1 (its storage version): change the apiVersion',
      'Placment apps/web: msa.yaml: cluster.open-cluster-management.io has no kind Placment (did you mean Placement?); not planned',
    ]);
  });

  test('fails on versions that never existed, without an apiVersion or without a name', () => {
    const dir = folder({
      'bad.yaml': 'apiVersion: cluster.open-cluster-management.io/v2\nkind: Placement\nmetadata: { name: web, namespace: apps }\n'
        + '---\nkind: ManagedCluster\nmetadata: { name: prod-1 }\n'
        + '---\napiVersion: a/b/c\nkind: Thing\nmetadata: { name: x }\n'
        + '---\napiVersion: v1\nkind: ConfigMap\nmetadata: { generateName: cm- }\n',
    });
    expect(read(dir).problems).toEqual([
      'DIR/bad.yaml:1: Placement apps/web: apiVersion cluster.open-cluster-management.io/v2 does not exist: Placement of cluster.open-cluster-management.io is served as v1beta1; use apiVersion: cluster.open-cluster-management.io/v1beta1',
      'DIR/bad.yaml:5: ManagedCluster prod-1: has no apiVersion; add it, e.g. apiVersion: cluster.open-cluster-management.io/v1',
      'DIR/bad.yaml:8: Thing x: apiVersion "a/b/c" is not GROUP/VERSION or VERSION (e.g. cluster.open-cluster-management.io/v1beta1 or v1)',
      'DIR/bad.yaml:12: ConfigMap: document at line 12 has no metadata.name (generateName is not supported: kubectl apply needs a name); every object needs one',
    ]);
  });
});

describe('values the API server would reject', () => {
  test('fails with every problem at once, one line each, naming file and object', () => {
    const dir = folder({
      'clusters.yaml': `apiVersion: cluster.open-cluster-management.io/v1
kind: ManagedCluster
metadata:
  name: Prod-1
  labels:
    version: 1.31
    gpu: true
    spot: yes
    ${'k'.repeat(64)}: x
    tier: ${'v'.repeat(64)}
  annotations:
    plan.cdk-fleet.io/declared-claims: '{"region.open-cluster-management.io": 1}'
    replicas: 3
spec: { hubAcceptsClient: true }
status:
  allocatable: { cpu: 4 cores, memory: 16Gi }
  capacity: { cpu: 8 }
---
apiVersion: cluster.open-cluster-management.io/v1beta1
kind: Placement
metadata: { name: web, namespace: Apps }
spec:
  numberOfClusters: "3"
  prioritizerPolicy: { configurations: [{ scoreCoordinate: { builtIn: Steady }, weight: 11 }] }
`,
      'claims.json': JSON.stringify({ apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name: 'edge-1', annotations: { 'plan.cdk-fleet.io/declared-claims': 'not json' } } }),
      'surrogate.json': '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"apps"},"data":{"k":"\\ud800"}}',
    });
    expect(read(dir).problems).toEqual([
      'DIR/claims.json: ManagedCluster edge-1: annotation plan.cdk-fleet.io/declared-claims is not a JSON object (got "not json"); it must be a JSON object of claim name to string value, e.g. {"region.open-cluster-management.io":"eu-west-1"}',
      'DIR/clusters.yaml:1: ManagedCluster Prod-1: metadata.name "Prod-1" is not a valid ManagedCluster name: it must consist of lower-case letters, digits and "-", and start and end with a letter or digit (it names the cluster\'s namespace on the hub, so it is a DNS-1123 label, e.g. "prod-eu-1")',
      'DIR/clusters.yaml:1: ManagedCluster Prod-1: label version: 1.31 is a number, and label values are strings; quote it: version: "1.31"',
      'DIR/clusters.yaml:1: ManagedCluster Prod-1: label gpu: true is a boolean, and label values are strings; quote it: gpu: "true"',
      'DIR/clusters.yaml:1: ManagedCluster Prod-1: label spot: yes is a boolean to kubectl (YAML 1.1), and label values are strings; quote it: spot: "yes"',
      `DIR/clusters.yaml:1: ManagedCluster Prod-1: label key "${'k'.repeat(64)}" is invalid: it has a name part of 64 characters (at most 63)`,
      `DIR/clusters.yaml:1: ManagedCluster Prod-1: label tier="${'v'.repeat(64)}" has an invalid value: it must be at most 63 characters, got 64`,
      'DIR/clusters.yaml:1: ManagedCluster Prod-1: annotation replicas: 3 is a number, and annotation values are strings; quote it: replicas: "3"',
      'DIR/clusters.yaml:1: ManagedCluster Prod-1: annotation plan.cdk-fleet.io/declared-claims has claim "region.open-cluster-management.io" whose value is a number (got "{\\"region.open-cluster-management.io\\": 1}"); it must be a JSON object of claim name to string value, e.g. {"region.open-cluster-management.io":"eu-west-1"}',
      'DIR/clusters.yaml:1: ManagedCluster Prod-1: status.allocatable.cpu "4 cores" is not a Kubernetes quantity (e.g. "8", "500m", "16Gi", "1.5e3")',
      'DIR/clusters.yaml:19: Placement Apps/web: metadata.namespace "Apps" is not a valid namespace: it must consist of lower-case letters, digits and "-", and start and end with a letter or digit (a DNS-1123 label, e.g. "fleet-apps")',
      'DIR/clusters.yaml:19: Placement Apps/web: spec.numberOfClusters must be an integer (the CRD says integer), got a string "3"; write 3 without quotes',
      'DIR/clusters.yaml:19: Placement Apps/web: spec.prioritizerPolicy.configurations[0].weight must be from -10 to 10 (int32), got 11',
      'DIR/surrogate.json: ConfigMap apps/x: data.k holds an escaped lone UTF-16 surrogate, which is not valid UTF-8 (the API server would store U+FFFD); fix the \\u escape',
    ]);
  });

  test('quoted values, numbers as quantities and YAML 1.1 booleans in boolean fields are what kubectl sends', () => {
    const dir = folder({
      'ok.yaml': `apiVersion: cluster.open-cluster-management.io/v1
kind: ManagedCluster
metadata: { name: prod-1, labels: { version: "1.31", gpu: "true", empty: } }
spec: { hubAcceptsClient: true }
status: { allocatable: { cpu: 4, memory: 1.5e3 } }
---
apiVersion: lib.projectsveltos.io/v1beta1
kind: SveltosCluster
metadata: { name: prod-1, namespace: fleet }
spec: { paused: yes }
`,
    });
    const r = read(dir);
    expect(r.problems).toEqual([]);
    expect(r.objects[0].metadata.labels).toEqual({ version: '1.31', gpu: 'true', empty: '' });
    expect(r.objects[1].spec.paused).toBe(true);
  });

  test('readObjects throws them as one FleetValidationError, one line per problem', () => {
    const dir = folder({ 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: A, namespace: apps }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n' });
    let error: unknown;
    try {
      readObjects(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FleetValidationError);
    expect((error as Error).message.split(dir).join('DIR')).toBe([
      '2 problems in the input, nothing was planned:',
      '  DIR/a.yaml:1: ConfigMap apps/A: metadata.name "A" is not a valid name: it must consist of lower-case letters, digits, "-" and ".", and start and end with a letter or digit (a DNS-1123 subdomain, e.g. "web-canary")',
      "  DIR/a.yaml:5: ConfigMap b: is namespaced but has no metadata.namespace (kubectl would apply it to the current context's namespace); add metadata.namespace, or plan with --namespace NAMESPACE as for kubectl apply -n NAMESPACE",
    ].join('\n'));
  });
});

describe('hostile input does not hang or exhaust memory', () => {
  const posix = process.platform !== 'win32';

  (posix ? test : test.skip)('fails on a FIFO without opening it', () => {
    const dir = folder({ 'hub.yaml': SOURCE_CLUSTER });
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    expect(read(dir).problems).toEqual(['DIR/pipe.yaml: is a FIFO (named pipe), not a regular file; cdk-fleet reads only regular files (remove it or save its output to a file)']);
    expect(read(join(dir, 'pipe.yaml'), {}, dir).problems).toEqual(['DIR/pipe.yaml: is a FIFO (named pipe), not a regular file or a folder; cdk-fleet reads .yaml, .yml and .json files (save the output to a file first)']);
  });

  (posix && existsSync('/dev/zero') ? test : test.skip)('fails on /dev/zero, given as the input or linked into the folder', () => {
    const dir = folder({ 'hub.yaml': SOURCE_CLUSTER });
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    expect(read(dir).problems).toEqual(['DIR/zero.yaml: is a character device, not a regular file; cdk-fleet reads only regular files (remove it or save its output to a file)']);
    expect(read('/dev/zero', {}, 'unused').problems).toEqual(['/dev/zero: is a character device, not a regular file or a folder; cdk-fleet reads .yaml, .yml and .json files (save the output to a file first)']);
  });

  (posix ? test : test.skip)('fails on a socket', async () => {
    const dir = folder({ 'hub.yaml': SOURCE_CLUSTER });
    const server: Server = createServer();
    await new Promise<void>((done) => server.listen(join(dir, 'agent.yaml'), done));
    try {
      expect(read(dir).problems).toEqual(['DIR/agent.yaml: is a socket, not a regular file; cdk-fleet reads only regular files (remove it or save its output to a file)']);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });

  (posix ? test : test.skip)('fails on a directory symlink loop and on a link to itself', () => {
    const dir = folder({ 'sub/hub.yaml': SOURCE_CLUSTER });
    symlinkSync('..', join(dir, 'sub', 'up'));
    symlinkSync('self', join(dir, 'self'));
    expect(read(dir).problems).toEqual([
      'DIR/self: is a symbolic link loop (it points back to itself); remove it',
      'DIR/sub/up: is a symbolic link to DIR, which contains it: a directory loop; remove the link or plan a folder without it',
    ]);
  });

  test('fails on a file over the size limit, saying the limit and the option that raises it', () => {
    const dir = folder({ 'big.yaml': `${SOURCE_CLUSTER}#${'x'.repeat(3000)}\n`, 'small.yaml': SOURCE_CLUSTER.replace('prod-1', 'prod-2') });
    const r = read(dir, { maxFileSize: 2048 });
    expect(r.problems).toEqual(['DIR/big.yaml: is 3.1 KiB, over the limit of 2 KiB per file; split it, or raise the limit with --max-file-size (e.g. --max-file-size 1Mi)']);
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['prod-2']);
  });

  test('fails on a YAML alias bomb and on absurd nesting, quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const dir = folder({ 'laughs.yaml': `${levels.join('\n')}\n`, 'deep.yaml': `a: ${'['.repeat(100000)}${']'.repeat(100000)}\n` });
    const started = Date.now();
    const r = read(dir);
    expect(r.problems).toEqual([
      expect.stringMatching(/^DIR\/deep\.yaml: invalid YAML at line 1, column \d+: it nests too deeply to be read \(is it generated by mistake\?\)$/),
      'DIR/laughs.yaml: document at line 1: Excessive alias count indicates a resource exhaustion attack (YAML aliases are limited to 100 per document)',
    ]);
    expect(Date.now() - started).toBeLessThan(20000);
  });
});

describe('hostile values', () => {
  test('fails quickly on huge values, and says so in one short line', () => {
    const huge = '1'.repeat(1_000_000);
    const dir = folder({
      'mc.json': JSON.stringify({
        apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster',
        metadata: { name: `a${'b'.repeat(300)}`, labels: { big: `x${huge}` } },
        status: { allocatable: { cpu: `${huge}x` } },
      }),
    });
    const started = Date.now();
    const problems = read(dir).problems;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(problems).toHaveLength(3);
    expect(problems.every((p) => p.length < 500)).toBe(true);
    expect(problems[2]).toBe(`DIR/mc.json: ManagedCluster a${'b'.repeat(96)}...: status.allocatable.cpu "${'1'.repeat(56)}... is not a Kubernetes quantity (e.g. "8", "500m", "16Gi", "1.5e3")`);
  });
});
