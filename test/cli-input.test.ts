// The CLI on YAML as people have it (issue 9): policy-collection policies without a namespace,
// Helm-rendered multi-document files, `kubectl get -o yaml` exports, old apiVersions, bad values.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../lib/cli/main';

function run(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'cdk-fleet-cli-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A folder `name` under the test directory holding `files`. */
function folder(name: string, files: Record<string, string>): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
}

// A policy from a policy-collection style repository: no namespace, meant for `kubectl apply -n policies`.
const POLICY = `apiVersion: policy.open-cluster-management.io/v1
kind: Policy
metadata:
  name: policy-pod
  annotations:
    policy.open-cluster-management.io/standards: NIST SP 800-53
    policy.open-cluster-management.io/categories: CM Configuration Management
    policy.open-cluster-management.io/controls: CM-2 Baseline Configuration
spec:
  remediationAction: inform
  disabled: false
  policy-templates:
    - objectDefinition:
        apiVersion: policy.open-cluster-management.io/v1
        kind: ConfigurationPolicy
        metadata:
          name: policy-pod-example
        spec:
          remediationAction: inform
          severity: low
          namespaceSelector: { exclude: ["kube-*"], include: ["default"] }
          object-templates:
            - complianceType: musthave
              objectDefinition:
                apiVersion: v1
                kind: Pod
                metadata: { name: sample-nginx-pod }
                spec: { containers: [{ image: "nginx:1.18.0", name: nginx, ports: [{ containerPort: 80 }] }] }
---
apiVersion: policy.open-cluster-management.io/v1
kind: PlacementBinding
metadata:
  name: binding-policy-pod
placementRef:
  name: placement-policy-pod
  kind: Placement
  apiGroup: cluster.open-cluster-management.io
subjects:
- name: policy-pod
  kind: Policy
  apiGroup: policy.open-cluster-management.io
---
apiVersion: cluster.open-cluster-management.io/v1beta1
kind: Placement
metadata:
  name: placement-policy-pod
spec:
  predicates:
  - requiredClusterSelector:
      labelSelector:
        matchExpressions:
          - {key: environment, operator: In, values: ["dev"]}
`;

// What `helm template` writes: a leading separator, `# Source:` comments, empty documents.
const HELM = `---
# Source: fleet-hub/templates/clusterset.yaml
apiVersion: cluster.open-cluster-management.io/v1beta2
kind: ManagedClusterSet
metadata:
  name: dev
  labels:
    app.kubernetes.io/managed-by: Helm
    helm.sh/chart: fleet-hub-0.3.1
spec:
  clusterSelector:
    selectorType: LabelSelector
    labelSelector: { matchLabels: { environment: dev } }
---
# Source: fleet-hub/templates/optional-addon.yaml
# (disabled in values.yaml: this template renders nothing)
---
# Source: fleet-hub/templates/binding.yaml
apiVersion: cluster.open-cluster-management.io/v1beta2
kind: ManagedClusterSetBinding
metadata:
  name: dev
spec:
  clusterSet: dev
---
---
`;

// kubectl get managedclusters -o yaml on the real hub.
const EXPORT = `apiVersion: v1
items:
- apiVersion: cluster.open-cluster-management.io/v1
  kind: ManagedCluster
  metadata:
    annotations:
      open-cluster-management.io/last-known-klusterlet-version: v1.0.0
    creationTimestamp: "2025-03-02T10:11:12Z"
    finalizers:
    - cluster.open-cluster-management.io/api-resource-cleanup
    generation: 4
    labels:
      cluster.open-cluster-management.io/clusterset: default
      environment: dev
      feature.open-cluster-management.io/addon-work-manager: available
      name: dev-1
    name: dev-1
    resourceVersion: "912345"
    uid: 0d7f3c1e-5f0e-4d5c-9a1d-2b8f6f7a1c33
  spec:
    hubAcceptsClient: true
    leaseDurationSeconds: 60
    managedClusterClientConfigs:
    - caBundle: LS0tLS1CRUdJTi==
      url: https://dev-1.example.com:6443
  status:
    allocatable: { cpu: "7800m", memory: 30Gi }
    capacity: { cpu: "8", memory: 32Gi }
    clusterClaims:
    - name: id.k8s.io
      value: 7c1f
    conditions:
    - lastTransitionTime: "2025-03-02T10:12:00Z"
      message: Managed cluster is available
      reason: ManagedClusterAvailable
      status: "True"
      type: ManagedClusterConditionAvailable
    version: { kubernetes: v1.31.2 }
- apiVersion: cluster.open-cluster-management.io/v1
  kind: ManagedCluster
  metadata:
    creationTimestamp: "2025-03-02T10:11:12Z"
    labels:
      cluster.open-cluster-management.io/clusterset: default
      environment: prod
    name: prod-1
    resourceVersion: "912346"
    uid: 6a2b9c0d-1e3f-4a5b-8c7d-9e0f1a2b3c4d
  spec:
    hubAcceptsClient: true
    leaseDurationSeconds: 60
  status:
    conditions:
    - lastTransitionTime: "2025-03-02T10:12:00Z"
      status: "True"
      type: ManagedClusterConditionAvailable
kind: List
metadata:
  resourceVersion: ""
`;

describe('cdk-fleet on YAML as people have it', () => {
  const repo = folder('repo', { 'policy-pod.yaml': POLICY, 'hub.yaml': HELM, 'managedclusters.yaml': EXPORT });

  test('plan -n policies: a policy-collection policy, Helm output and a kubectl export are planned together', () => {
    const r = run(['plan', repo, '-n', 'policies', '--format', 'json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan.clusters.map((c: any) => c.name)).toEqual(['dev-1', 'prod-1']);
    expect(plan.placements).toEqual([expect.objectContaining({ id: 'policies/placement-policy-pod', selected: ['dev-1'] })]);
    expect(plan.workloads.map((w: any) => w.id)).toContain('Policy policies/policy-pod');
    expect(plan.warnings).toEqual([]);
  });

  test('the same with --namespace=policies and with the export given as the inventory', () => {
    const src = folder('repo-src', { 'policy-pod.yaml': POLICY, 'hub.yaml': HELM });
    const inv = folder('inventory', { 'managedclusters.yaml': EXPORT });
    const r = run(['plan', src, '--namespace=policies', '--inventory', join(inv, 'managedclusters.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).placements).toEqual([expect.objectContaining({ id: 'policies/placement-policy-pod', selected: ['dev-1'] })]);
  });

  test('fails without --namespace: each namespace-less object on its own line, exit code 1', () => {
    const r = run(['plan', repo]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const fix = "is namespaced but has no metadata.namespace (kubectl would apply it to the current context's namespace); add metadata.namespace, or plan with --namespace NAMESPACE as for kubectl apply -n NAMESPACE";
    expect(r.err.split(repo).join('REPO')).toBe([
      'cdk-fleet: 4 problems in the input, nothing was planned:',
      `  REPO/hub.yaml:19: ManagedClusterSetBinding dev: ${fix}`,
      `  REPO/policy-pod.yaml:1: Policy policy-pod: ${fix}`,
      `  REPO/policy-pod.yaml:30: PlacementBinding binding-policy-pod: ${fix}`,
      `  REPO/policy-pod.yaml:43: Placement placement-policy-pod: ${fix}`,
      '',
    ].join('\n'));
  });

  test('explain and diff take -n too', () => {
    expect(run(['explain', 'prod-1', repo, '-n', 'policies']).out).toMatch(/prod-1 is NOT selected by Placement policies\/placement-policy-pod: not in an eligible cluster set \(bound: dev\)/);
    expect(run(['explain', 'dev-1', repo, '--namespace', 'policies']).out).toMatch(/dev-1 IS selected by Placement policies\/placement-policy-pod/);
    const r = run(['diff', repo, repo, '-n', 'policies', '--detailed-exitcode']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  test('warnings about the input reach every output format', () => {
    const old = folder('old', {
      'hub.yaml': `${EXPORT}---\n"a stray string"\n---\napiVersion: cluster.open-cluster-management.io/v1alpha1\nkind: Placement\nmetadata: { name: dev, namespace: apps }\nspec: {}\n`
        + '---\napiVersion: cluster.open-cluster-management.io/v1beta1\nkind: ManagedClusterSetBinding\nmetadata: { name: default, namespace: apps }\nspec: { clusterSet: default }\n',
      'copy.yaml': EXPORT,
    });
    const text = run(['plan', old]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Placement apps/dev: hub.yaml: apiVersion cluster.open-cluster-management.io/v1alpha1 is no longer served by the hub (removed in open-cluster-management-io/api 86605928 (#179, 2022-09)); planned as cluster.open-cluster-management.io/v1beta1, the served version: change the apiVersion before applying');
    expect(text.out).toContain('hub.yaml: document at line 61 is a string ("a stray string"), not a Kubernetes object; skipped');
    expect(text.out).toContain('ManagedCluster dev-1: defined 2 times with the same content (status and server-set metadata aside) in copy.yaml, hub.yaml; planned once, from copy.yaml');
    expect(text.out).toMatch(/apps\/dev: 2 selected — dev-1, prod-1/);
    const json = JSON.parse(run(['plan', old, '-f', 'json']).out);
    expect(json.warnings.map((w: any) => w.subject)).toEqual(['ManagedCluster dev-1', 'ManagedCluster prod-1', 'ManagedClusterSetBinding apps/default', 'Placement apps/dev', 'hub.yaml']);
    expect(run(['plan', old, '-f', 'markdown']).out).toContain('5 warnings');
    expect(run(['plan', old, '-f', 'html']).out).toContain('<strong>Placement apps/dev</strong>: hub.yaml: apiVersion cluster.open-cluster-management.io/v1alpha1 is no longer served');
    const sarif = JSON.parse(run(['plan', old, '-f', 'sarif']).out);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toHaveLength(5);
  });

  test('fails with every bad value at once, from the folder and the inventory', () => {
    const bad = folder('bad', {
      'clusters.yaml': 'apiVersion: cluster.open-cluster-management.io/v1\nkind: ManagedCluster\nmetadata: { name: edge-1, labels: { version: 1.31, gpu: true } }\nspec: { hubAcceptsClient: true }\n'
        + '---\napiVersion: cluster.open-cluster-management.io/v1beta1\nkind: Placement\nmetadata: { name: edge, namespace: apps }\nspec: { numberOfClusters: "2" }\n',
    });
    const inv = folder('bad-inventory', { 'mc.yaml': 'apiVersion: cluster.open-cluster-management.io/v1\nkind: ManagedCluster\nmetadata: { name: edge-1 }\nstatus: { allocatable: { memory: lots } }\n' });
    const r = run(['plan', bad, '--inventory', inv]);
    expect(r.code).toBe(1);
    expect(r.err.split(dir).join('DIR')).toBe([
      'cdk-fleet: 4 problems in the input, nothing was planned:',
      '  DIR/bad-inventory/mc.yaml:1: ManagedCluster edge-1: status.allocatable.memory "lots" is not a Kubernetes quantity (e.g. "8", "500m", "16Gi", "1.5e3")',
      '  DIR/bad/clusters.yaml:1: ManagedCluster edge-1: label version: 1.31 is a number, and label values are strings; quote it: version: "1.31"',
      '  DIR/bad/clusters.yaml:1: ManagedCluster edge-1: label gpu: true is a boolean, and label values are strings; quote it: gpu: "true"',
      '  DIR/bad/clusters.yaml:6: Placement apps/edge: spec.numberOfClusters must be an integer (the CRD says integer), got a string "2"; write 2 without quotes',
      '',
    ].join('\n'));
  });

  test('fails on a file over --max-file-size, and on option values that are not sizes or namespaces', () => {
    const r = run(['plan', repo, '-n', 'policies', '--max-file-size', '1Ki']);
    expect(r.code).toBe(1);
    expect(r.err.split(repo).join('REPO')).toBe([
      'cdk-fleet: 2 problems in the input, nothing was planned:',
      '  REPO/managedclusters.yaml: is 1.7 KiB, over the limit of 1 KiB per file; split it, or raise the limit with --max-file-size (e.g. --max-file-size 1Mi)',
      '  REPO/policy-pod.yaml: is 1.6 KiB, over the limit of 1 KiB per file; split it, or raise the limit with --max-file-size (e.g. --max-file-size 1Mi)',
      '',
    ].join('\n'));
    expect(run(['plan', repo, '-n', 'policies', '--max-file-size', '1Mi']).code).toBe(0);
    expect(run(['plan', repo, '--max-file-size', '64MB']).err).toBe('cdk-fleet: --max-file-size 64MB is not a size in bytes; e.g. --max-file-size 128Mi, 1Gi or 100000000\n');
    expect(run(['plan', repo, '--max-file-size', '0']).err).toBe('cdk-fleet: --max-file-size 0 is not a size in bytes; e.g. --max-file-size 128Mi, 1Gi or 100000000\n');
    expect(run(['plan', repo, '-n', 'Policies']).err).toBe('cdk-fleet: --namespace Policies is not a valid namespace: it must consist of lower-case letters, digits and "-", and start and end with a letter or digit (e.g. --namespace fleet-apps)\n');
  });

  test('fails on empty option values and extra arguments, as before', () => {
    expect(run(['plan', repo, '--namespace=']).err).toBe('cdk-fleet: --namespace needs a non-empty value (NAMESPACE)\n');
    expect(run(['plan', repo, '-n']).err).toBe('cdk-fleet: --namespace needs a value (NAMESPACE)\n');
    expect(run(['plan', repo, '--max-file-size', ' ']).err).toBe('cdk-fleet: --max-file-size needs a non-empty value (SIZE)\n');
    expect(run(['plan', repo, 'policies']).err).toMatch(/^cdk-fleet: plan takes at most 1 argument \(\[dir\]\), got 2: /);
    expect(run(['plan', '--help']).out).toContain('-n, --namespace NAMESPACE');
    expect(run(['diff', '--help']).out).toContain('    --max-file-size SIZE');
  });
});
