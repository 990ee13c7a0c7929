// OCM's ManagedCluster library and the placement controller's use of it:
// open-cluster-management-io/sdk-go pkg/cel/library/managedcluster_test.go (TestManagedClusterLib),
// pkg/cel/library/cost_test.go (TestLibraryCost, the scores cases) and
// open-cluster-management-io/ocm pkg/placement/helpers/cel_test.go (TestCELSelector: results and
// runtime costs per expression).
import { compileCel, jsonToCel, placementCelEnv } from '../../../lib/plan/ocm/cel';
import { ScoreLookup } from '../../../lib/plan/ocm/cel/managed-cluster';
import { run } from './harness';

/** sdk-go's fakeScoreLister: test-score has cpu=3 and memory=4, other names have no items. */
const fakeScores: ScoreLookup = (_cluster, name): Record<string, number> | undefined => (name === 'test-score' ? { cpu: 3, memory: 4 } : name === 'fake-score' ? {} : undefined);

function cluster(opts: { labels?: Record<string, string>; claims?: Record<string, string> } = {}): Record<string, unknown> {
  const c: Record<string, unknown> = { metadata: { name: 'test', ...(opts.labels ? { labels: opts.labels } : {}) }, spec: {} };
  if (opts.claims) c.status = { clusterClaims: Object.entries(opts.claims).map(([name, value]) => ({ name, value })) };
  return c;
}

describe('sdk-go pkg/cel/library/managedcluster_test.go TestManagedClusterLib', () => {
  const gpu = '{"H100":[{"Standard_NC48ads_H100_v4":10},{"Standard_NC96ads_H100_v4":2}],"A100":[{"Standard_NC48ads_A100_v4":50},{"Standard_NC96ads_A100_v4":20}]}';
  const cases: [string, string, Record<string, unknown>, boolean][] = [
    ['match with label', `managedCluster.metadata.labels["version"].matches('^1\\\\.(14|15)\\\\.\\\\d+$')`, cluster({ labels: { version: '1.14.3' } }), true],
    ['not match with label', `managedCluster.metadata.labels["version"].matches('^1\\\\.(14|15)\\\\.\\\\d+$')`, cluster({ labels: { version: '1.16.3' } }), false],
    ['match with claim', `managedCluster.status.clusterClaims.exists(c, c.name == "version" && c.value.matches('^1\\\\.(14|15)\\\\.\\\\d+$'))`, cluster({ claims: { version: '1.14.3' } }), true],
    ['not match with claim', `managedCluster.status.clusterClaims.exists(c, c.name == "version" && c.value.matches('^1\\\\.(14|15)\\\\.\\\\d+$'))`, cluster({ claims: { version: '1.16.3' } }), false],
    ['match with score value', `managedCluster.scores("test-score").filter(s, s.name == 'cpu').all(e, e.value == 3)`, cluster(), true],
    ['not match with score value', `managedCluster.scores("test-score").filter(s, s.name == 'cpu').all(e, e.value > 3)`, cluster(), false],
    ['match with json', `managedCluster.status.clusterClaims.exists(c, c.name == "sku.gpu.kubernetes-fleet.io" && c.value.parseJSON().H100.exists(e, e.Standard_NC96ads_H100_v4 == 2))`, cluster({ claims: { 'sku.gpu.kubernetes-fleet.io': gpu } }), true],
  ];
  test.each(cases)('%s: %s', (_name, expr, mc, want) => {
    expect(run(expr, { managedCluster: mc }, fakeScores).value).toBe(want);
  });

  test.each([
    ['invalid labels expression', `managedCluster.metadata.labels["version"].matchessssss('^1\\\\.(14|15)\\\\.\\\\d+$')`],
    ['invalid claims expression', `managedCluster.status.clusterClaims.exists(c, c.name == "version" && c.value.matchessssss('^1\\\\.(14|15)\\\\.\\\\d+$'))`],
  ])('fails %s: undeclared reference', (_name, expr) => {
    expect(run(expr, {}, fakeScores).compileError).toMatch(/undeclared reference to 'matchessssss'/);
  });

  test('fails invalid score name: a runtime error (the message is the lister\'s; ours is the NotFound one)', () => {
    expect(run(`managedCluster.scores("invalid-score").filter(s, s.name == 'cpu')`, { managedCluster: cluster() }, fakeScores).error)
      .toBe('failed to get score: addonplacementscores.cluster.open-cluster-management.io "invalid-score" not found');
  });
});

describe('sdk-go pkg/cel/library/cost_test.go TestLibraryCost (scores)', () => {
  test('scores_empty: 10 + 1', () => {
    expect(run('managedCluster.scores("fake-score")', { managedCluster: cluster() }, fakeScores).cost).toBe(11);
  });
  test('scores_with_items: 10 + 2 × (1 + 30) + 1', () => {
    expect(run('managedCluster.scores("test-score")', { managedCluster: cluster() }, fakeScores).cost).toBe(73);
  });
});

describe('ocm pkg/placement/helpers/cel_test.go TestCELSelector', () => {
  const env = placementCelEnv(() => undefined);
  const evaluate = (expr: string, mc: Record<string, unknown>): { kind: string; cost: number } => {
    const c = compileCel(env, expr);
    if (!c.ok) throw new Error(c.error);
    return c.evaluate(jsonToCel(mc));
  };
  const prod = { metadata: { name: 'c', labels: { env: 'prod', version: '1.30.0' } } };

  test('valid expression matches (cost 5)', () => {
    expect(evaluate('managedCluster.metadata.labels["env"] == "prod"', prod)).toEqual({ kind: 'true', cost: 5 });
  });

  test('valid expression no match (cost 5)', () => {
    expect(evaluate('managedCluster.metadata.labels["env"] == "prod"', { metadata: { name: 'c', labels: { env: 'dev' } } })).toEqual({ kind: 'false', cost: 5 });
  });

  test('fails invalid expression: compilation failed', () => {
    const c = compileCel(env, 'invalid.expression');
    expect(c.ok).toBe(false);
    expect(!c.ok && c.error).toBe("compilation failed: ERROR: <input>:1:1: undeclared reference to 'invalid' (in container '')\n | invalid.expression\n | ^");
  });

  test('multiple expressions all match (costs 5 + 7 = 12)', () => {
    expect(evaluate('managedCluster.metadata.labels["env"] == "prod"', prod)).toEqual({ kind: 'true', cost: 5 });
    expect(evaluate('semver(managedCluster.metadata.labels["version"]).isLessThan(semver("1.31.0"))', prod)).toEqual({ kind: 'true', cost: 7 });
  });

  test('multiple expressions one fails (semver isGreaterThan is false)', () => {
    expect(evaluate('semver(managedCluster.metadata.labels["version"]).isGreaterThan(semver("1.31.0"))', prod)).toEqual({ kind: 'false', cost: 7 });
  });
});
