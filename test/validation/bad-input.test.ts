// Issue 9 "Bad input to the constructs": every bad input must fail at synth with an error that
// names the construct (or value factory), the bad value and the fix. One `fails ...` test per
// input; the JavaScript-caller cases cast through `any` (no type checker stands in the way).
import { Testing } from 'cdk8s';
import { Duration, FleetValidationError, LabelSelector, PercentOrAbsolute } from '../../lib/core';
import { FleetChart, Hub, KarmadaControlPlane, KubeFleetHub } from '../../lib/fleet';
import * as inventory from '../../lib/inventory';
import * as karmada from '../../lib/karmada';
import * as kubefleet from '../../lib/kubefleet';
import * as ocm from '../../lib/ocm';
import { ClusterManager, ManagedCluster, ManagedClusterSet, ClusterSetSelector, ManifestWork, Rollout, Policy, ConfigurationPolicy } from '../../lib/ocm';
import { ClusterProfile, ClusterSet, SveltosCluster, Profile } from '../../lib/sveltos';

const bad: any = (x: unknown) => x;

/** Runs `f` and returns the FleetValidationError message it throws (fails the test otherwise). */
function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    // cdk8s wraps an error thrown while rendering ("Failed serializing construct ...: FleetValidationError: ...")
    const wrapped = /FleetValidationError: (.*)$/s.exec((e as Error)?.message ?? '');
    if (!(e instanceof FleetValidationError) && wrapped) return wrapped[1];
    if (!(e instanceof FleetValidationError)) throw new Error(`expected a FleetValidationError, got ${(e as Error)?.stack ?? e}`);
    return e.message;
  }
  throw new Error('expected a FleetValidationError, but nothing was thrown');
}

/** Synthesizes every chart of `app`-like `chart`'s app (validations included). */
function synthOf(chart: any): void {
  Testing.synth(chart);
}

describe('LabelSelector.fromJson', () => {
  test('fails on a typo in a field name (matchLabel)', () => {
    const m = errorOf(() => LabelSelector.fromJson(bad({ matchLabel: { env: 'prod' } })));
    expect(m).toMatch(/LabelSelector\.fromJson/);
    expect(m).toMatch(/"matchLabel"/);
    expect(m).toMatch(/did you mean "matchLabels"/);
  });
  test('fails on a string', () => {
    const m = errorOf(() => LabelSelector.fromJson(bad('env=prod')));
    expect(m).toMatch(/LabelSelector\.fromJson/);
    expect(m).toMatch(/string "env=prod"/);
    expect(m).toMatch(/LabelSelector\.matchLabels|matchLabels/);
  });
  test('fails on null', () => {
    expect(errorOf(() => LabelSelector.fromJson(bad(null)))).toMatch(/LabelSelector\.fromJson.*null/);
  });
  test('fails on values given as a string (would be spread into characters)', () => {
    const m = errorOf(() => LabelSelector.fromJson(bad({ matchExpressions: [{ key: 'env', operator: 'In', values: 'prod' }] })));
    expect(m).toMatch(/values/);
    expect(m).toMatch(/string "prod"/);
    expect(m).toMatch(/\["prod"\]|list/);
  });
  test('fails on matchExpressions given as one object', () => {
    const m = errorOf(() => LabelSelector.fromJson(bad({ matchExpressions: { key: 'env', operator: 'In', values: ['prod'] } })));
    expect(m).toMatch(/matchExpressions must be a list/);
  });
  test('fails on a typo inside a matchExpression (operater)', () => {
    const m = errorOf(() => LabelSelector.fromJson(bad({ matchExpressions: [{ key: 'env', operater: 'In', values: ['prod'] }] })));
    expect(m).toMatch(/"operater".*did you mean "operator"/);
  });
  test('fails on an invalid value inside matchExpressions (checked where the selector is used)', () => {
    const { hub } = hubWithClusters();
    const m = errorOf(() => hub.addPlacement('p', { namespace: 'apps', selector: LabelSelector.fromJson({ matchExpressions: [{ key: 'env', operator: 'In', values: ['not a label value!'] }] }) }));
    expect(m).toMatch(/Placement "apps\/p"/);
    expect(m).toMatch(/invalid value "not a label value!"/);
  });
  test('fails on a non-string value inside matchExpressions', () => {
    const m = errorOf(() => LabelSelector.fromJson(bad({ matchExpressions: [{ key: 'tier', operator: 'In', values: [1] }] })));
    expect(m).toMatch(/number 1/);
    expect(m).toMatch(/quote it/);
  });
  test('fails on an unknown operator', () => {
    expect(errorOf(() => LabelSelector.fromJson(bad({ matchExpressions: [{ key: 'env', operator: 'in', values: ['a'] }] })))).toMatch(/operator string "in".*In, NotIn, Exists, DoesNotExist/);
  });
  test('fails on a non-string matchLabels value', () => {
    expect(errorOf(() => LabelSelector.fromJson(bad({ matchLabels: { canary: true } })))).toMatch(/matchLabels\["canary"\].*boolean true.*quote it: "true"/);
  });
  test('fails on an invalid matchLabels value (checked where the selector is used)', () => {
    const m = errorOf(() => new ClusterProfile(Testing.chart(), 'p', { clusterSelector: LabelSelector.matchLabels({ env: 'prod eu' }) }));
    expect(m).toMatch(/ClusterProfile "p".*"prod eu"/);
  });
  test('fails on LabelSelector.matchLabels with a number value', () => {
    expect(errorOf(() => LabelSelector.matchLabels(bad({ replicas: 3 })))).toMatch(/LabelSelector\.matchLabels.*number 3.*quote it: "3"/);
  });
  test('fails on LabelSelector.in with a list instead of spread values', () => {
    const m = errorOf(() => LabelSelector.in('env', bad(['prod', 'staging'])));
    expect(m).toMatch(/LabelSelector\.in/);
    expect(m).toMatch(/\.\.\.values|spread/);
  });
  test('fails on LabelSelector.in without values (checked where the selector is used)', () => {
    const { hub } = hubWithClusters();
    expect(errorOf(() => hub.addPlacement('p', { namespace: 'apps', selector: LabelSelector.in('env') }))).toMatch(/Placement "apps\/p".*env In needs at least one value/);
  });
  test('fails on LabelSelector.exists with a non-string key', () => {
    expect(errorOf(() => LabelSelector.exists(bad(undefined)))).toMatch(/LabelSelector\.exists: key must be a non-empty string, got undefined/);
  });
  test('fails on and() with a plain object', () => {
    expect(errorOf(() => LabelSelector.all().and(bad({ matchLabels: { a: 'b' } })))).toMatch(/and\(\).*plain object.*LabelSelector\.fromJson/);
  });
});

describe('Duration and PercentOrAbsolute', () => {
  test('fails on Duration.minutes(1e21) (would render "1e+21m")', () => {
    const m = errorOf(() => Duration.minutes(1e21));
    expect(m).toMatch(/Duration\.minutes/);
    expect(m).toMatch(/1e\+21/);
  });
  test('fails on Duration.seconds of an unsafe integer', () => {
    expect(errorOf(() => Duration.seconds(2 ** 60))).toMatch(/Duration\.seconds/);
  });
  test('fails on Duration.hours("1")', () => {
    expect(errorOf(() => Duration.hours(bad('1')))).toMatch(/Duration\.hours.*string "1".*Duration\.parse/);
  });
  test('fails on Duration.parse(5)', () => {
    expect(errorOf(() => Duration.parse(bad(5)))).toMatch(/Duration\.parse.*number 5/);
  });
  test('fails on Duration.parse("1e+21m")', () => {
    expect(errorOf(() => Duration.parse('1e+21m'))).toMatch(/"1e\+21m"/);
  });
  test('fails on Duration.parse of more seconds than Go can hold', () => {
    expect(errorOf(() => Duration.parse('99999999999999999999s'))).toMatch(/Duration\.parse.*longer than a Go time\.Duration can hold/);
  });
  test('fails on PercentOrAbsolute.count past int32', () => {
    expect(errorOf(() => PercentOrAbsolute.count(2 ** 31))).toMatch(/PercentOrAbsolute\.count.*2147483648/);
  });
  test('fails on PercentOrAbsolute.percent("10%")', () => {
    expect(errorOf(() => PercentOrAbsolute.percent(bad('10%')))).toMatch(/PercentOrAbsolute\.percent.*string "10%".*PercentOrAbsolute\.parse|percent\(10\)/);
  });
  test('fails on PercentOrAbsolute.parse(null)', () => {
    expect(errorOf(() => PercentOrAbsolute.parse(bad(null)))).toMatch(/PercentOrAbsolute\.parse.*null/);
  });
});

describe('Rollout', () => {
  test("fails on Rollout.progressive('10%') (would mean all at once)", () => {
    const m = errorOf(() => Rollout.progressive(bad('10%')));
    expect(m).toMatch(/Rollout\.progressive/);
    expect(m).toMatch(/string "10%"/);
    expect(m).toMatch(/maxConcurrency: PercentOrAbsolute\.percent\(10\)/);
  });
  test('fails on an unknown option (maxConcurency)', () => {
    expect(errorOf(() => Rollout.progressive(bad({ maxConcurency: PercentOrAbsolute.percent(10) })))).toMatch(/"maxConcurency".*did you mean "maxConcurrency"/);
  });
  test('fails on maxConcurrency given as a string', () => {
    expect(errorOf(() => Rollout.progressive(bad({ maxConcurrency: '10%' })))).toMatch(/maxConcurrency must be a PercentOrAbsolute.*string "10%"/);
  });
  test('fails on minSuccessTime given as a string', () => {
    expect(errorOf(() => Rollout.progressivePerGroup(bad({ minSuccessTime: '5m' })))).toMatch(/minSuccessTime must be a Duration.*Duration\.parse/);
  });
  test('fails on groupIndex past int32', () => {
    expect(errorOf(() => Rollout.progressivePerGroup({ mandatoryDecisionGroups: [{ groupIndex: 2 ** 31 }] }))).toMatch(/groupIndex.*2147483648/);
  });
  test('fails on mandatoryDecisionGroups by an index the placement does not have (would skip the canary phase)', () => {
    const { hub, chart } = hubWithClusters();
    const placement = hub.addPlacement('web', { namespace: 'apps', decisionStrategy: { groups: [{ name: 'canary', labelSelector: LabelSelector.matchLabels({ canary: 'true' }) }] } });
    hub.bind(ManagedClusterSet.GLOBAL, 'apps');
    const m = errorOf(() => hub.addManifestWorkReplicaSet('web', {
      namespace: 'apps',
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } }],
      placements: [{ placement, rollout: Rollout.progressivePerGroup({ mandatoryDecisionGroups: [{ groupIndex: 3 }] }) }],
    } as any));
    expect(m).toMatch(/index 3/);
    expect(m).toMatch(/canary/);
    void chart;
  });
});

function hubWithClusters(): { hub: Hub; chart: Hub } {
  const app = Testing.app();
  const hub = new Hub(app, 'hub');
  hub.addCluster('prod-1', { labels: { env: 'production' } });
  return { hub, chart: hub };
}

describe('Sveltos', () => {
  test("fails on SveltosCluster paused: 'false'", () => {
    const m = errorOf(() => new SveltosCluster(Testing.chart(), 'c', bad({ namespace: 'fleet', paused: 'false' })));
    expect(m).toMatch(/SveltosCluster "fleet\/c"|SveltosCluster "c"/);
    expect(m).toMatch(/paused must be true or false, got string "false"/);
  });
  test("fails on ClusterProfile reloader: 'false'", () => {
    expect(errorOf(() => new ClusterProfile(Testing.chart(), 'p', bad({ clusterSelector: LabelSelector.matchLabels({ env: 'prod' }), reloader: 'false' })))).toMatch(/ClusterProfile "p".*reloader must be true or false, got string "false"/);
  });
  test("fails on ClusterProfile continueOnConflict: 'false'", () => {
    expect(errorOf(() => new ClusterProfile(Testing.chart(), 'p', bad({ clusterSelector: LabelSelector.matchLabels({ env: 'prod' }), continueOnConflict: 'false' })))).toMatch(/continueOnConflict must be true or false, got string "false"/);
  });
  test('fails on a plain object as clusterSelector (was: validate is not a function)', () => {
    const m = errorOf(() => new ClusterProfile(Testing.chart(), 'p', bad({ clusterSelector: { matchLabels: { env: 'prod' } } })));
    expect(m).toMatch(/ClusterProfile "p"/);
    expect(m).toMatch(/clusterSelector/);
    expect(m).toMatch(/LabelSelector\.fromJson/);
  });
  test('fails on a ClusterProfile name over 63 characters (a label value in Sveltos)', () => {
    const name = `p${'x'.repeat(63)}`;
    const m = errorOf(() => new ClusterProfile(Testing.chart(), name, { clusterSelector: LabelSelector.matchLabels({ env: 'prod' }) }));
    expect(m).toMatch(/64 characters/);
    expect(m).toMatch(/63/);
  });
  test('fails on a Profile name over 63 characters', () => {
    const name = `p${'x'.repeat(63)}`;
    expect(errorOf(() => new Profile(Testing.chart(), name, { namespace: 'apps', clusterSelector: LabelSelector.matchLabels({ env: 'prod' }) }))).toMatch(/63/);
  });
  test('fails on a SveltosCluster name over 63 characters', () => {
    const name = `c${'x'.repeat(63)}`;
    expect(errorOf(() => new SveltosCluster(Testing.chart(), name, { namespace: 'fleet' }))).toMatch(/SveltosCluster.*63/);
  });
  test('fails on two ClusterProfiles of the same name in a plain cdk8s chart', () => {
    const c = Testing.chart();
    new ClusterProfile(c, 'a', { name: 'same', clusterSelector: LabelSelector.matchLabels({ env: 'prod' }) });
    expect(errorOf(() => new ClusterProfile(c, 'b', { name: 'same', clusterSelector: LabelSelector.matchLabels({ env: 'prod' }) }))).toMatch(/ClusterProfile "same".*twice|declared twice|already/);
  });
  test('fails on two SveltosClusters of the same name in a plain cdk8s chart', () => {
    const c = Testing.chart();
    new SveltosCluster(c, 'a', { name: 'same', namespace: 'fleet' });
    expect(errorOf(() => new SveltosCluster(c, 'b', { name: 'same', namespace: 'fleet' }))).toMatch(/SveltosCluster "fleet\/same".*twice|declared twice|already/);
  });
  test('fails on two ClusterSets of the same name in a plain cdk8s chart', () => {
    const c = Testing.chart();
    const sel = LabelSelector.matchLabels({ env: 'prod' });
    new ClusterSet(c, 'a', { name: 'same', clusterSelector: sel, maxReplicas: 1 });
    expect(errorOf(() => new ClusterSet(c, 'b', { name: 'same', clusterSelector: sel, maxReplicas: 1 }))).toMatch(/ClusterSet "same": is declared twice in this app/);
  });
  test('fails on a plain object as a ClusterSet clusterSelector', () => {
    expect(errorOf(() => new ClusterSet(Testing.chart(), 's', bad({ clusterSelector: { matchLabels: { env: 'prod' } }, maxReplicas: 1 })))).toMatch(/ClusterSet "s": clusterSelector is a plain object.*LabelSelector\.fromJson/);
  });
  test('fails on a ClusterProfile prop typo (clusterSelectors)', () => {
    expect(errorOf(() => new ClusterProfile(Testing.chart(), 'p', bad({ clusterSelectors: LabelSelector.matchLabels({ env: 'prod' }) })))).toMatch(/ClusterProfile "p": props has an unknown field "clusterSelectors" \(did you mean "clusterSelector"\?\)/);
  });
  test('fails on SveltosCluster with null props', () => {
    expect(errorOf(() => new SveltosCluster(Testing.chart(), 'c', bad(null)))).toMatch(/SveltosCluster "c".*namespace/);
  });
  test('fails on a SveltosCluster prop typo (pause)', () => {
    expect(errorOf(() => new SveltosCluster(Testing.chart(), 'c', bad({ namespace: 'fleet', pause: true })))).toMatch(/"pause".*did you mean "paused"/);
  });
});

describe('Hub and OCM constructs', () => {
  test("fails on Hub createNamespaces: 'false'", () => {
    expect(errorOf(() => new Hub(Testing.app(), 'hub', bad({ createNamespaces: 'false' })))).toMatch(/Hub "hub".*createNamespaces must be true or false, got string "false"/);
  });
  test('fails on a feature gate given as a string', () => {
    const m = errorOf(() => new Hub(Testing.app(), 'hub', bad({ featureGates: 'ManagedClusterAutoApproval' })));
    expect(m).toMatch(/featureGates must be a list/);
    expect(m).not.toMatch(/feature gate "M"/);
  });
  test('fails on ClusterManager with null props', () => {
    expect(() => new ClusterManager(Testing.chart(), 'cm', bad(null))).toThrow(FleetValidationError);
  });
  test('fails on a Placement numberOfClusters past int32', () => {
    const { hub } = hubWithClusters();
    expect(errorOf(() => hub.addPlacement('p', { namespace: 'apps', numberOfClusters: 2 ** 31 }))).toMatch(/Placement "apps\/p".*numberOfClusters.*2147483648/);
  });
  test("fails on Placement predicates: 'env=prod' (was: empty predicates, select all)", () => {
    const { hub } = hubWithClusters();
    const m = errorOf(() => hub.addPlacement('p', bad({ namespace: 'apps', predicates: 'env=prod' })));
    expect(m).toMatch(/Placement "apps\/p"/);
    expect(m).toMatch(/predicates must be a list.*string "env=prod"/);
  });
  test('fails on a Placement prop typo (predicate)', () => {
    const { hub } = hubWithClusters();
    expect(errorOf(() => hub.addPlacement('p', bad({ namespace: 'apps', predicate: [] })))).toMatch(/"predicate".*did you mean "predicates"/);
  });
  test('fails on invalid CEL in a placement predicate (FLEET008 says the constructs reject it)', () => {
    const { hub } = hubWithClusters();
    const m = errorOf(() => hub.addPlacement('p', { namespace: 'apps', predicates: [{ celExpressions: ['managedCluster.metadata.labels["env"] == '] }] }));
    expect(m).toMatch(/Placement "apps\/p"/);
    expect(m).toMatch(/CEL/);
    expect(m).toMatch(/compilation failed/);
  });
  test('fails on CEL that does not type-check (unknown field)', () => {
    const { hub } = hubWithClusters();
    expect(errorOf(() => hub.addPlacement('p', { namespace: 'apps', predicates: [{ celExpressions: ['managedClusterX.metadata.name == "a"'] }] }))).toMatch(/compilation failed/);
  });
  test('fails on CEL that is not a boolean', () => {
    const { hub } = hubWithClusters();
    expect(errorOf(() => hub.addPlacement('p', { namespace: 'apps', predicates: [{ celExpressions: ['1 + 1'] }] }))).toMatch(/bool/);
  });
  test('fails on ManagedCluster leaseDurationSeconds past int32', () => {
    expect(errorOf(() => new ManagedCluster(Testing.chart(), 'c', { leaseDurationSeconds: 2 ** 31 } as any))).toMatch(/ManagedCluster "c".*leaseDurationSeconds.*2147483648/);
  });
  test('fails on a ManagedClusterSet named "global" declared exclusive (the hub reverts it)', () => {
    const m = errorOf(() => new ManagedClusterSet(Testing.chart(), 'global', { selector: ClusterSetSelector.exclusive() }));
    expect(m).toMatch(/"global"/);
    expect(m).toMatch(/reverts|ManagedClusterSet\.GLOBAL/);
  });
  test('fails on a ManagedClusterSet named "default" with a label selector (the hub reverts it)', () => {
    const m = errorOf(() => new ManagedClusterSet(Testing.chart(), 'default', { selector: ClusterSetSelector.labelSelector(LabelSelector.matchLabels({ env: 'prod' })) }));
    expect(m).toMatch(/"default"/);
    expect(m).toMatch(/reverts|ManagedClusterSet\.DEFAULT/);
  });
});

describe('ManifestWork payloads', () => {
  const cluster = ManagedCluster.fromName('prod-1');
  const work = (objects: any[]) => {
    const c = Testing.chart();
    new ManifestWork(c, 'w', { cluster, objects });
    return () => synthOf(c);
  };
  test('fails on a namespaced object without a namespace', () => {
    const m = errorOf(work([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: {} }]));
    expect(m).toMatch(/ManifestWork "prod-1\/w"/);
    expect(m).toMatch(/Deployment "web"/);
    expect(m).toMatch(/namespace/);
  });
  test('fails on an invalid object name', () => {
    expect(errorOf(work([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Web_App', namespace: 'default' } }]))).toMatch(/"Web_App"/);
  });
  test('fails on non-base64 Secret data', () => {
    const m = errorOf(work([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, data: { password: 'hunter2!' } }]));
    expect(m).toMatch(/Secret "default\/s"/);
    expect(m).toMatch(/data\["password"\]/);
    expect(m).toMatch(/base64|stringData/);
  });
  test('fails on non-string ConfigMap data', () => {
    const m = errorOf(work([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { replicas: 3 } }]));
    expect(m).toMatch(/ConfigMap "default\/c"/);
    expect(m).toMatch(/data\["replicas"\].*number 3.*quote it/);
  });
  test("fails on a payload over OCM's 512000-byte limit", () => {
    const big = 'x'.repeat(200000);
    const objs = [0, 1, 2].map((i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'default' }, data: { a: big } }));
    const m = errorOf(work(objs));
    expect(m).toMatch(/512000|512,000/);
  });
  test('fails on one object over the API server object limit', () => {
    const m = errorOf(work([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: 'x'.repeat(1048577) } }]));
    expect(m).toMatch(/ConfigMap "default\/c"/);
    expect(m).toMatch(/1048576|1 MiB|1,048,576/);
  });
  test('fails on objects given as one object instead of a list', () => {
    expect(errorOf(() => new ManifestWork(Testing.chart(), 'w', bad({ cluster, objects: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } } })))).toMatch(/objects must be a list/);
  });
  test('fails on a cluster given as a string', () => {
    expect(errorOf(() => new ManifestWork(Testing.chart(), 'w', bad({ cluster: 'prod-1', objects: [] })))).toMatch(/cluster.*string "prod-1".*ManagedCluster\.fromName/);
  });
  test('fails on null props', () => {
    expect(errorOf(() => new ManifestWork(Testing.chart(), 'w', bad(null)))).toMatch(/ManifestWork "w"/);
  });
});

describe('Policy templates', () => {
  test("fails on remediationAction 'Enforce'", () => {
    const m = errorOf(() => new ConfigurationPolicy(bad({ name: 'ns', mustHave: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }], remediationAction: 'Enforce' })));
    expect(m).toMatch(/ConfigurationPolicy "ns"/);
    expect(m).toMatch(/remediationAction.*"Enforce"/);
    expect(m).toMatch(/RemediationAction\.ENFORCE/);
  });
  test("fails on severity 'urgent'", () => {
    const m = errorOf(() => new ConfigurationPolicy(bad({ name: 'ns', mustHave: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }], severity: 'urgent' })));
    expect(m).toMatch(/severity.*"urgent"/);
    expect(m).toMatch(/Severity\.HIGH/);
  });
  test("fails on a Policy remediationAction 'Enforce'", () => {
    const c = Testing.chart();
    const t = new ConfigurationPolicy({ name: 'ns', mustHave: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }] });
    expect(errorOf(() => new Policy(c, 'p', bad({ namespace: 'policies', templates: [t], remediationAction: 'Enforce' })))).toMatch(/Policy "policies\/p".*remediationAction.*"Enforce"/);
  });
  test('fails on ConfigurationPolicy with null props', () => {
    expect(errorOf(() => new ConfigurationPolicy(bad(null)))).toMatch(/ConfigurationPolicy/);
  });
});

describe('a JavaScript caller: null or wrong-type props fail with the construct named, not a TypeError', () => {
  const chart = () => Testing.chart();
  const cases: [string, () => unknown, RegExp][] = [
    ['ManagedCluster(null)', () => new ocm.ManagedCluster(chart(), 'c', bad(null)), /ManagedCluster "c": needs props \(an object\), got null/],
    ['ManagedClusterSet("prod")', () => new ocm.ManagedClusterSet(chart(), 's', bad('prod')), /ManagedClusterSet "s": needs props \(an object\), got string "prod"/],
    ['ClusterManagementAddOn(null)', () => new ocm.ClusterManagementAddOn(chart(), 'a', bad(null)), /ClusterManagementAddOn "a": needs props/],
    ['AddOnDeploymentConfig(null)', () => new ocm.AddOnDeploymentConfig(chart(), 'a', bad(null)), /AddOnDeploymentConfig "a": needs props, got null/],
    ['ManagedClusterAddOn(null)', () => new ocm.ManagedClusterAddOn(chart(), 'a', bad(null)), /ManagedClusterAddOn "a": needs props, got null/],
    ['ManifestWorkReplicaSet(null)', () => new ocm.ManifestWorkReplicaSet(chart(), 'w', bad(null)), /ManifestWorkReplicaSet "w": needs props, got null/],
    ['karmada Cluster(null)', () => new karmada.Cluster(chart(), 'c', bad(null)), /Cluster "c": needs props/],
    ['karmada ClusterPropagationPolicy(null)', () => new karmada.ClusterPropagationPolicy(chart(), 'p', bad(null)), /ClusterPropagationPolicy "p": needs props/],
    ['karmada ClusterOverridePolicy(null)', () => new karmada.ClusterOverridePolicy(chart(), 'p', bad(null)), /ClusterOverridePolicy "p": needs props/],
    ['kubefleet ClusterResourcePlacement(null)', () => new kubefleet.ClusterResourcePlacement(chart(), 'p', bad(null)), /ClusterResourcePlacement "p": needs props/],
    ['kubefleet ClusterResourceOverride(null)', () => new kubefleet.ClusterResourceOverride(chart(), 'o', bad(null)), /ClusterResourceOverride "o": needs props/],
    ['kubefleet ClusterStagedUpdateStrategy(null)', () => new kubefleet.ClusterStagedUpdateStrategy(chart(), 's', bad(null)), /ClusterStagedUpdateStrategy "s": needs props/],
    ['FleetChart(null)', () => new FleetChart(Testing.app(), 'f', bad(null)), /FleetChart "f": needs props/],
    ['KarmadaControlPlane(null)', () => new KarmadaControlPlane(Testing.app(), 'k', bad(null)), /KarmadaControlPlane "k": needs props, got null/],
    ['KubeFleetHub(null)', () => new KubeFleetHub(Testing.app(), 'k', bad(null)), /KubeFleetHub "k": needs props, got null/],
    ['Hub(null)', () => new Hub(Testing.app(), 'hub', bad(null)), /Hub "hub": needs props \(an object\), got null/],
    ['RegistrationChain.inventory(null)', () => inventory.RegistrationChain.inventory(bad(null)), /RegistrationChain.inventory: needs props/],
    ['RegistrationChain.direct(null)', () => inventory.RegistrationChain.direct(bad(null)), /RegistrationChain.direct: needs props/],
    ['RegistrationChain.sveltosOcmAddon(null)', () => inventory.RegistrationChain.sveltosOcmAddon(bad(null)), /RegistrationChain.sveltosOcmAddon: needs props/],
    ['InventoryNamespace.label(null, ...)', () => inventory.InventoryNamespace.label(bad(null), 'prod'), /InventoryNamespace.label: needs the Namespace ApiObject to label, got null/],
    ['UpdateStrategy.serverSideApply(null)', () => ocm.UpdateStrategy.serverSideApply(bad(null)), /UpdateStrategy.serverSideApply: needs props/],
    ['FeedbackRule.jsonPaths(null)', () => ocm.FeedbackRule.jsonPaths(bad(null)), /FeedbackRule.jsonPaths: paths must be an object, got null/],
    ['DeleteOption.selectivelyOrphan(null)', () => ocm.DeleteOption.selectivelyOrphan(bad(null)), /DeleteOption.selectivelyOrphan: resources\[0\] must be an object, got null/],
  ];
  test.each(cases)('fails on %s', (_name, f, message) => {
    expect(errorOf(f)).toMatch(message);
  });
});

describe("string booleans ('false' turns an option on) fail everywhere", () => {
  const sel = LabelSelector.matchLabels({ env: 'prod' });
  const cases: [string, () => unknown, RegExp][] = [
    ['ManagedCluster hubAcceptsClient', () => new ocm.ManagedCluster(Testing.chart(), 'c', bad({ hubAcceptsClient: 'false' })), /ManagedCluster "c": hubAcceptsClient must be true or false, got string "false"/],
    ['UpdateStrategy.serverSideApply force', () => ocm.UpdateStrategy.serverSideApply(bad({ force: 'false' })), /force must be true or false, got string "false"/],
    ['Policy disabled', () => new Policy(Testing.chart(), 'p', bad({ namespace: 'policies', disabled: 'false', templates: [new ConfigurationPolicy({ name: 'ns', mustHave: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }] })] })), /Policy "policies\/p": disabled must be true or false, got string "false"/],
    ['ClusterProfile continueOnError', () => new ClusterProfile(Testing.chart(), 'p', bad({ clusterSelector: sel, continueOnError: 'false' })), /continueOnError must be true or false/],
    ['RegistrationChain.sveltosOcmAddon labelSync', () => inventory.RegistrationChain.sveltosOcmAddon(bad({ labelSync: 'false' })), /RegistrationChain.sveltosOcmAddon: labelSync must be true or false, got string "false"/],
    ['karmada ClusterPropagationPolicy propagateDeps', () => new karmada.ClusterPropagationPolicy(Testing.chart(), 'p', bad({ propagateDeps: 'false' })), /propagateDeps must be true or false, got string "false"/],
  ];
  test.each(cases)('fails on %s', (_name, f, message) => {
    expect(errorOf(f)).toMatch(message);
  });
});

describe('numbers past int32 fail where the API field is an int32', () => {
  test('fails on a Sveltos ClusterSet maxReplicas past int32', () => {
    expect(errorOf(() => new ClusterSet(Testing.chart(), 'x', { clusterSelector: LabelSelector.matchLabels({ env: 'prod' }), maxReplicas: 2 ** 31 }))).toMatch(/ClusterSet "x": maxReplicas is 2147483648.*from 1 to 2147483647/);
  });
  test('fails on a KubeFleet PickN count past int32', () => {
    expect(errorOf(() => new kubefleet.ClusterResourcePlacement(Testing.chart(), 'crp', { resourceSelectors: [kubefleet.ResourceSelector.namespace('app')], policy: kubefleet.PlacementPolicy.pickN(2 ** 31) }))).toMatch(/PickN numberOfClusters 2147483648 is invalid; use a whole number from 0 to 2147483647/);
  });
  test('fails on a Karmada spread constraint maxGroups past int32', () => {
    const c = Testing.chart();
    expect(errorOf(() => {
      new karmada.ClusterPropagationPolicy(c, 'p', { resourceSelectors: [karmada.ResourceSelector.all('apps/v1', 'Deployment')], spreadConstraints: [karmada.SpreadConstraint.byField(karmada.SpreadField.CLUSTER, { maxGroups: 2 ** 31 })] } as any);
      Testing.synth(c);
    })).toMatch(/maxGroups 2147483648; use a whole number from 0 to 2147483647/);
  });
});

describe('unknown keys in cluster and work props fail with a suggestion (a typo would drop the value)', () => {
  const { Testing } = require('cdk8s');
  const lib = require('../../lib');
  const objects = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: {} }];

  test('fails for hub.addCluster options with a typo (lables)', () => {
    const hub = new lib.Hub(Testing.app(), 'hub');
    expect(() => hub.addCluster('prod-1', { lables: { env: 'prod' } })).toThrow(/ManagedCluster "prod-1": options has an unknown field "lables" \(did you mean "labels"\?\); allowed: name, labels, .*clusterSet/);
  });

  test('fails for ManagedCluster props with a typo (taint)', () => {
    expect(() => new lib.ocm.ManagedCluster(Testing.chart(), 'prod-1', { taint: [] })).toThrow(/ManagedCluster "prod-1": props has an unknown field "taint" \(did you mean "taints"\?\)/);
  });

  test('fails for ManifestWork props with a typo (object)', () => {
    const hub = new lib.Hub(Testing.app(), 'hub');
    const cluster = hub.addCluster('prod-1');
    expect(() => hub.addManifestWork('w', { cluster, object: objects })).toThrow(/ManifestWork "prod-1\/w": props has an unknown field "object" \(did you mean "objects"\?\)/);
  });

  test('fails for ManifestWorkReplicaSet props with a typo (placement)', () => {
    const hub = new lib.Hub(Testing.app(), 'hub');
    expect(() => hub.addManifestWorkReplicaSet('w', { namespace: 'apps', objects, placement: [] })).toThrow(/ManifestWorkReplicaSet "w": props has an unknown field "placement" \(did you mean "placements"\?\)/);
  });

  test('the key lists are the props interfaces (ManagedClusterProps, WorkOptions)', () => {
    const { readPublicApi } = require('../../scripts/api-model');
    const api = readPublicApi(require('node:path').join(__dirname, '..', '..'));
    const members = (name: string) => api.find((i: any) => i.name === name).members.map((m: any) => m.name).sort();
    expect([...lib.ocm.ManagedCluster.PROP_KEYS].sort()).toEqual(members('ocm.ManagedClusterProps'));
    const work = require('../../lib/ocm/manifest-work');
    expect([...work.WORK_OPTION_KEYS].sort()).toEqual(members('ocm.WorkOptions'));
    expect([...work.MANIFEST_WORK_OWN_KEYS].sort()).toEqual(members('ocm.ManifestWorkProps'));
    expect([...require('../../lib/ocm/manifest-work-replica-set').MANIFEST_WORK_REPLICA_SET_OWN_KEYS].sort()).toEqual(members('ocm.ManifestWorkReplicaSetProps'));
    expect(members('HubClusterOptions')).toEqual(['clusterSet']); // and, by extension, ManagedClusterProps
  });
});

describe('unknown keys in fleet-level props fail with a suggestion (a typo would fall back to a default)', () => {
  const { Testing } = require('cdk8s');
  const lib = require('../../lib');
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'web' }, data: {} };

  test('fails for FleetWorkload props with a typo (cluster): the workload would go to every cluster', () => {
    const app = Testing.app();
    const hub = new lib.Hub(app, 'hub');
    const engine = lib.WorkloadEngine.ocm(hub, { namespace: 'apps' });
    expect(() => new lib.FleetWorkload(app, 'w', { engine, objects: [cm], cluster: lib.LabelSelector.matchLabels({ env: 'dev' }) }))
      .toThrow(/FleetWorkload "w": props has an unknown field "cluster" \(did you mean "clusters"\?\)/);
    expect(() => new lib.FleetWorkload(app, 'w2', { engine, objects: [cm], rollOut: lib.WorkloadRollout.allAtOnce() }))
      .toThrow(/props has an unknown field "rollOut" \(did you mean "rollout"\?\)/);
  });

  test('fails for Hub, FleetApp, engine options and control planes with a typo', () => {
    const app = Testing.app();
    expect(() => new lib.Hub(app, 'h1', { featuregates: [] })).toThrow(/Hub "h1": props has an unknown field "featuregates" \(did you mean "featureGates"\?\)/);
    expect(() => new lib.FleetApp({ failon: 'never' })).toThrow(/FleetApp: props has an unknown field "failon" \(did you mean "failOn"\?\)/);
    const hub = new lib.Hub(app, 'hub');
    expect(() => lib.WorkloadEngine.ocm(hub, { namespace: 'apps', namspace: 'x' })).toThrow(/WorkloadEngine.ocm: props has an unknown field "namspace"/);
    const plane = new lib.KarmadaControlPlane(app, 'karmada', { hub });
    expect(() => lib.WorkloadEngine.karmada(plane, { acceptAllAtonce: true })).toThrow(/did you mean "acceptAllAtOnce"/);
    expect(() => new lib.KubeFleetHub(app, 'kf', { hub, identityNamspace: 'x' })).toThrow(/KubeFleetHub "kf": props has an unknown field "identityNamspace" \(did you mean "identityNamespace"\?\)/);
    expect(() => new lib.KarmadaControlPlane(app, 'k2', { hub, member: lib.LabelSelector.matchLabels({ a: 'b' }) })).toThrow(/did you mean "members"/);
  });

  test('fails for null props and options with the construct named, not a TypeError', () => {
    const app = Testing.app();
    const hub = new lib.Hub(app, 'hub');
    expect(() => new lib.FleetApp(null)).toThrow(/FleetApp: needs props \(an object\), got null/);
    expect(() => hub.addClusterSet('s', null)).toThrow(/ManagedClusterSet "s": needs props \(an object\), got null/);
    expect(() => hub.addClusterManagementAddOn('a', null)).toThrow(/ClusterManagementAddOn "a": needs props \(an object\), got null/);
    expect(() => hub.addSveltosAddon('a', null)).toThrow(/Sveltos add-on "a": needs props \(an object\), got null/);
    expect(() => lib.WorkloadEngine.kubeFleet(new lib.KubeFleetHub(app, 'kf', { hub }), null)).toThrow(/WorkloadEngine.kubeFleet: needs props \(an object\), got null/);
  });

  test('the key lists are the props interfaces', () => {
    const { readPublicApi } = require('../../scripts/api-model');
    const validate = require('../../lib/core/validate');
    const api = readPublicApi(require('node:path').join(__dirname, '..', '..'));
    const members = (name: string) => api.find((i: any) => i.name === name).members.map((m: any) => m.name).sort();
    const own = (keys: readonly string[], base: readonly string[]) => keys.filter((k) => !base.includes(k)).sort();
    expect(own(lib.Hub.PROP_KEYS, validate.CHART_PROP_KEYS)).toEqual(members('HubProps'));
    expect(own(lib.FleetApp.PROP_KEYS, validate.APP_PROP_KEYS)).toEqual(members('FleetAppProps'));
    expect(own(lib.KarmadaControlPlane.PROP_KEYS, validate.CHART_PROP_KEYS)).toEqual(members('KarmadaControlPlaneProps'));
    expect(own(lib.KubeFleetHub.PROP_KEYS, validate.CHART_PROP_KEYS)).toEqual(members('KubeFleetHubProps'));
    expect([...lib.FleetWorkload.PROP_KEYS].sort()).toEqual(members('FleetWorkloadProps'));
    expect(members('OcmWorkloadOptions')).toEqual(['clusterSets', 'namespace']);
    expect(members('KarmadaWorkloadOptions')).toEqual(['acceptAllAtOnce', 'replicaScheduling']);
    expect(members('KubeFleetWorkloadOptions')).toEqual(['runState']);
    // the cdk8s props our charts and app extend
    const { readFileSync } = require('node:fs');
    const dts = (f: string) => [...readFileSync(require.resolve(`cdk8s/lib/${f}.d.ts`), 'utf8').matchAll(/^ {4}readonly (\w+)\?:/gm)].map((m) => m[1]);
    expect([...new Set(dts('chart'))].sort()).toEqual([...validate.CHART_PROP_KEYS].sort());
    expect([...new Set(dts('app'))].sort()).toEqual([...validate.APP_PROP_KEYS].sort());
  });
});

test('an inventory without ManagedClusters is not silently read as "no cluster has joined"', () => {
  const { buildFleetPlan } = require('../../lib/plan/fleet-plan');
  const cluster = { apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name: 'prod-1' }, spec: { hubAcceptsClient: true } };
  const notAnInventory = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } }];
  const warned = buildFleetPlan({ objects: [cluster], inventory: notAnInventory }).plan.warnings;
  expect(warned).toContainEqual({ subject: 'hub', message: expect.stringMatching(/^the inventory holds no ManagedCluster, so every declared cluster is planned as not joined yet .*kubectl get managedclusters -o yaml/) });
  const real = [{ ...cluster, status: { conditions: [{ type: 'ManagedClusterConditionAvailable', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }] } }];
  expect(buildFleetPlan({ objects: [cluster], inventory: real }).plan.warnings.map((w: any) => w.message)).not.toContainEqual(expect.stringMatching(/holds no ManagedCluster/));
});
