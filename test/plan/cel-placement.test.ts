// End to end: Placements whose predicates use OCM's CEL environment select exactly the clusters the
// placement controller would (ocm pkg/placement/helpers/cel.go, pkg/placement/plugins/predicate),
// expressions upstream rejects make the placement Misconfigured, and runtime errors count as not
// matched with their reason. The expressions follow the OCM placement documentation (semver on a
// label or claim, quantity comparisons on allocatable resources, scores()).
import type { HubCluster, HubState, PlacementInput } from '../../lib/plan/ocm/model';
import { hubStateFromObjects } from '../../lib/plan/ocm/model';
import { schedulePlacement } from '../../lib/plan/ocm/placement';

function cluster(name: string, labels: Record<string, string> = {}, extra: Partial<HubCluster> = {}): HubCluster {
  return { name, labels, claims: {}, taints: [], ...extra };
}

function hub(clusters: HubCluster[], extra: Partial<HubState> = {}): HubState {
  return {
    clusters,
    clusterSets: [{ name: 'global', selectorType: 'LabelSelector', labelSelector: {} }],
    bindings: [{ namespace: 'ns', clusterSet: 'global' }],
    ...extra,
  };
}

function celPlacement(...exprs: string[]): PlacementInput {
  return { namespace: 'ns', name: 'p', spec: { predicates: [{ requiredClusterSelector: { celSelector: { celExpressions: exprs } } }] } };
}

const fleet = hub([
  cluster('old', { version: '1.28.4' }, { claims: { 'kubeversion.open-cluster-management.io': 'v1.28.4' }, allocatable: { cpu: '4', memory: '15Gi' }, capacity: { cpu: '4', memory: '16Gi' } }),
  cluster('mid', { version: '1.30.0' }, { claims: { 'kubeversion.open-cluster-management.io': 'v1.30.0' }, allocatable: { cpu: '15500m', memory: '60Gi' }, capacity: { cpu: '16', memory: '64Gi' } }),
  cluster('new', { version: '1.31.2' }, { claims: { 'kubeversion.open-cluster-management.io': 'v1.31.2' }, allocatable: { cpu: '64', memory: '250Gi' }, capacity: { cpu: '64', memory: '256Gi' } }),
  cluster('bare'),
], {
  addOnPlacementScores: [
    { cluster: 'old', name: 'resource-usage-score', scores: { cpuAvailable: 20, memAvailable: 10 } },
    { cluster: 'mid', name: 'resource-usage-score', scores: { cpuAvailable: 70, memAvailable: 80 } },
    { cluster: 'new', name: 'resource-usage-score', scores: { cpuAvailable: 90, memAvailable: 40 } },
  ],
});

describe('OCM placement documentation examples', () => {
  test('semver comparison on a label selects exactly the newer clusters; a missing label is a runtime error', () => {
    const expr = 'semver(managedCluster.metadata.labels["version"]).isGreaterThan(semver("1.30.0"))';
    const r = schedulePlacement(fleet, celPlacement(expr));
    expect(r.misconfigured).toBe(false);
    expect(r.selected).toEqual(['new']);
    expect(r.notSelected.mid).toBe(`CEL expression "${expr}" is false`);
    expect(r.notSelected.bare).toBe(`CEL expression "${expr}" failed: no such key: labels`);
    expect(r.warnings).toEqual([]);
  });

  test('semver comparison on the kubeversion claim (normalizing away the "v" in CEL)', () => {
    const expr = 'managedCluster.status.clusterClaims.exists(c, c.name == "kubeversion.open-cluster-management.io" && semver(c.value.substring(1)).compareTo(semver("1.30.0")) >= 0)';
    expect(schedulePlacement(fleet, celPlacement(expr)).selected).toEqual(['mid', 'new']);
  });

  test('quantity comparison on status.allocatable', () => {
    const r = schedulePlacement(fleet, celPlacement('quantity(managedCluster.status.allocatable.memory).isGreaterThan(quantity("32Gi"))', 'quantity(managedCluster.status.allocatable.cpu).compareTo(quantity("15")) >= 0'));
    expect(r.selected).toEqual(['mid', 'new']);
    expect(r.notSelected.old).toMatch(/^CEL expression "quantity\(managedCluster.status.allocatable.memory\).isGreaterThan\(quantity\("32Gi"\)\)" is false$/);
  });

  test('scores(): an AddOnPlacementScore read in the cluster namespace', () => {
    const r = schedulePlacement(fleet, celPlacement('managedCluster.scores("resource-usage-score").filter(s, s.name == "memAvailable").all(s, s.value > 30)'));
    expect(r.selected).toEqual(['mid', 'new']);
    expect(r.notSelected.bare).toMatch(/failed: failed to get score: addonplacementscores.cluster.open-cluster-management.io "resource-usage-score" not found$/);
  });
});

describe('libraries that used to be unavailable now select what upstream selects', () => {
  test.each([
    ['lists: sum of the scores', 'managedCluster.scores("resource-usage-score").map(s, s.value).sum() > 100', ['mid', 'new']],
    ['regex: find on a label', 'managedCluster.metadata.labels.version.find("^1\\\\.3[0-9]") != ""', ['mid', 'new']],
    ['optional: a default for a missing label', 'managedCluster.metadata.?labels.?version.orValue("0.0.0") == "0.0.0"', ['bare']],
    ['cidr/ip', 'cidr("10.0.0.0/8").containsIP(ip("10.1.2.3")) && !ip("10.1.2.3").isLoopback()', ['bare', 'mid', 'new', 'old']],
    ['url', 'url("https://" + managedCluster.metadata.name + ".example.com:6443").getPort() == "6443"', ['bare', 'mid', 'new', 'old']],
    ['strings: format', '"%s-%s".format([managedCluster.metadata.name, "x"]).endsWith("d-x")', ['mid', 'old']],
  ] as const)('%s', (_name, expr, want) => {
    const r = schedulePlacement(fleet, celPlacement(expr));
    expect(r.misconfigured).toBe(false);
    expect(r.selected).toEqual(want);
    expect(r.warnings).toEqual([]);
  });
});

describe('what upstream rejects is Misconfigured', () => {
  test.each([
    ['semver with operators', 'semver(managedCluster.metadata.labels["version"]) > semver("1.30.0")', /found no matching overload for '_>_' applied to '\(kubernetes.Semver, kubernetes.Semver\)'/],
    ['the normalizing semver overload (SemverLib version 0)', 'semver("v1.30", true).isGreaterThan(semver("1.0.0"))', /found no matching overload for 'semver' applied to '\(string, bool\)'/],
    ['a constant regex that does not compile', 'managedCluster.metadata.name.find("(") != ""', /^Predicate:instantiation failed: error parsing regexp: missing closing \)/],
    ['an int compared with a double', 'size(managedCluster.metadata.labels) > 1.5', /found no matching overload for '_>_' applied to '\(int, double\)'/],
    ['string.format with too many arguments', '"%s".format(["a", "b"]) == "a"', /too many arguments supplied to string.format/],
    ['an undeclared variable', 'cluster.metadata.name == "a"', /undeclared reference to 'cluster'/],
    ['optional syntax misuse', 'managedCluster.?metadata.?name()', /Syntax error/],
  ] as const)('fails %s', (_name, expr, message) => {
    const r = schedulePlacement(fleet, celPlacement(expr));
    expect(r.misconfigured).toBe(true);
    expect(r.misconfiguredMessage).toMatch(message);
    expect(r.selected).toEqual([]);
    expect(r.notSelected.new).toMatch(/^placement is misconfigured \(Predicate:/);
  });
});

describe('runtime errors count as not matched, with their reason', () => {
  test('fails quantity("bad") at evaluation: not matched, not Misconfigured', () => {
    const r = schedulePlacement(hub([cluster('a', { size: 'bad' }), cluster('b', { size: '2Gi' })]), celPlacement('quantity(managedCluster.metadata.labels.size).isLessThan(quantity("4Gi"))'));
    expect(r.misconfigured).toBe(false);
    expect(r.selected).toEqual(['b']);
    expect(r.notSelected.a).toMatch(/failed: quantities must match the regular expression/);
  });

  test('fails a non-bool result: not matched', () => {
    const r = schedulePlacement(hub([cluster('a', { x: 'y' })]), celPlacement('managedCluster.metadata.labels.x'));
    expect(r.selected).toEqual([]);
    expect(r.notSelected.a).toBe('CEL expression "managedCluster.metadata.labels.x" returned a string, not a bool');
  });

  test('fails an expression over the per-call cost limit (1,000,000): cancelled, not matched', () => {
    // A 1,000 × 1,000 nested comprehension costs far more than cel.CostLimit(PerCallLimit) allows.
    const expr = 'managedCluster.xs.all(a, managedCluster.xs.all(b, a + b >= 0))';
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    const state = hubStateFromObjects([
      { apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name: 'big' }, spec: { hubAcceptsClient: true } },
      { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSet', metadata: { name: 'global' }, spec: { clusterSelector: { selectorType: 'LabelSelector', labelSelector: {} } } },
      { apiVersion: 'cluster.open-cluster-management.io/v1beta2', kind: 'ManagedClusterSetBinding', metadata: { name: 'global', namespace: 'ns' }, spec: { clusterSet: 'global' } },
    ]);
    const big = { ...state, clusters: state.clusters.map((c) => ({ ...c, object: { metadata: { name: c.name }, xs } })) };
    const r = schedulePlacement(big, celPlacement(expr));
    expect(r.selected).toEqual([]);
    expect(r.notSelected.big).toBe(`CEL expression "${expr}" failed: operation cancelled: actual cost limit exceeded`);
  });
});
