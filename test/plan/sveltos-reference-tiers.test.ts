// Per-reference tiers inside one Sveltos profile: policyRefs[].tier (AC:api/v1beta1/spec.go PolicyRef.Tier),
// recorded on each deployed object as annotation projectsveltos.io/reference-tier and compared by
// LS:lib/deployer/utils.go ValidateObjectForUpdate (a strictly lower tier takes the object over).
// The scenario is AC:test/fv/second_tier_test.go "ClusterProfile referencing two ConfigMaps both containing same resource".
import { plan as fleetPlan } from '../../lib';
import { sveltosStateFromObjects } from '../../lib/plan/sveltos/model';
import {
  hasHigherReferencePriority, planSveltosRollout, resolveReferenceOwnership, SveltosReferenceClaim,
} from '../../lib/plan/sveltos/rollout';
import { simulateSveltosSelection } from '../../lib/plan/sveltos/selection';

const sa = (labelKey: string, namespace = 'sa-ns') => `apiVersion: v1
kind: ServiceAccount
metadata:
  namespace: ${namespace}
  name: shared
  labels:
    ${labelKey}: "true"
`;
const configMap = (name: string, content: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'cm-ns' }, data: { 'policy.yaml': content } });
const cluster = (name: string) => ({
  apiVersion: 'lib.projectsveltos.io/v1beta1', kind: 'SveltosCluster', metadata: { name, namespace: 'fleet', labels: { env: 'fv' } }, spec: {}, status: { ready: true },
});
const profile = (policyRefs: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'config.projectsveltos.io/v1beta1', kind: 'ClusterProfile', metadata: { name: 'second-tier' },
  spec: { clusterSelector: { matchLabels: { env: 'fv' } }, syncMode: 'Continuous', policyRefs, ...extra },
});
const ref = (name: string, tier?: number) => ({ kind: 'ConfigMap', namespace: 'cm-ns', name, ...(tier !== undefined ? { tier } : {}) });

function rollout(objects: unknown[]) {
  return planSveltosRollout(simulateSveltosSelection(sveltosStateFromObjects(objects)));
}

const claim = (name: string, tier: number, index: number, field: 'policyRefs' | 'kustomizationRefs' = 'policyRefs'): SveltosReferenceClaim => ({ field, index, kind: 'ConfigMap', namespace: 'cm-ns', name, tier });

describe('per-reference tiers (one profile)', () => {
  test('LS ValidateObjectForUpdate: against a recorded reference-tier 100, tier 90 takes over, 100 and 110 conflict (lib/deployer/utils_test.go)', () => {
    expect(hasHigherReferencePriority(100, 90)).toBe(true);
    expect(hasHigherReferencePriority(100, 100)).toBe(false);
    expect(hasHigherReferencePriority(100, 110)).toBe(false);
  });

  test('ownership: strictly lower tier owns; equal tiers keep the first of the list; refs to the same object never conflict', () => {
    const lower = resolveReferenceOwnership([claim('first', 100, 0), claim('second', 90, 1)]);
    expect(lower).toMatchObject({ owner: { name: 'second' }, losers: [{ name: 'first' }], takeover: true });
    expect(lower.reason).toMatch(/ConfigMap cm-ns\/second has tier 90, lower than ConfigMap cm-ns\/first tier 100: it takes the resource over/);
    const equal = resolveReferenceOwnership([claim('first', 100, 0), claim('second', 100, 1)]);
    expect(equal).toMatchObject({ owner: { name: 'first' }, losers: [{ name: 'second' }], takeover: false });
    // [x(100), a(50), b(50)]: x creates, a (50 < 100) takes over, b (50 >= 50) conflicts: a owns
    const three = resolveReferenceOwnership([claim('x', 100, 0), claim('a', 50, 1), claim('b', 50, 2)]);
    expect(three.owner!.name).toBe('a');
    expect(three.losers.map((c) => c.name)).toEqual(['x', 'b']);
    expect(resolveReferenceOwnership([claim('same', 100, 0), claim('same', 80, 1)])).toMatchObject({ losers: [], owner: { name: 'same' } });
    // a policyRef and a kustomizationRef of equal tier: the features deploy concurrently, the owner is not known
    const mixed = resolveReferenceOwnership([claim('p', 100, 0), claim('k', 100, 0, 'kustomizationRefs')]);
    expect(mixed.owner).toBeUndefined();
    expect(mixed.reason).toMatch(/deploy concurrently/);
  });

  test('fv second_tier_test: equal tiers conflict (first ConfigMap keeps the ServiceAccount), tier 90 on the second takes it over', () => {
    const cms = [configMap('first', sa('first-label')), configMap('second', sa('second-label'))];
    const equal = rollout([cluster('c1'), ...cms, profile([ref('first'), ref('second')])]);
    expect(equal.conflicts).toEqual([]); // one profile: no conflict between profiles
    expect(equal.referenceConflicts).toHaveLength(1);
    const c = equal.referenceConflicts[0];
    expect(c).toMatchObject({
      profile: 'ClusterProfile/second-tier', target: 'core/ServiceAccount/sa-ns/shared', clusterKey: 'Sveltos:fleet/c1',
      owner: { name: 'first', tier: 100 }, losers: [{ name: 'second', tier: 100 }], takeover: false, stopsDeployment: true,
    });
    expect(c.message).toBe('ClusterProfile second-tier deploys resource core/ServiceAccount/sa-ns/shared on SveltosCluster fleet/c1 from ConfigMap cm-ns/first and ConfigMap cm-ns/second: equal tier 100: ConfigMap cm-ns/first deploys first (policyRefs[0]) and keeps it; ConfigMap cm-ns/second gets a conflict');

    const override = rollout([cluster('c1'), ...cms, profile([ref('first'), ref('second', 90)])]);
    expect(override.referenceConflicts[0]).toMatchObject({ owner: { name: 'second', tier: 90 }, losers: [{ name: 'first' }], takeover: true });

    // "Changing first ConfigMap so there is no conflict anymore": different namespace, no overlap
    const apart = rollout([cluster('c1'), configMap('first', sa('first-label', 'other-ns')), configMap('second', sa('second-label')), profile([ref('first'), ref('second', 90)])]);
    expect(apart.referenceConflicts).toEqual([]);
  });

  test('refs without a namespace resolve per cluster namespace; continueOnConflict keeps deploying; DryRun reports nothing', () => {
    const inNs = (ns: string, name: string, content: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: { 'a.yaml': content } });
    const clusters = [cluster('c1'), { ...cluster('c2'), metadata: { name: 'c2', namespace: 'other', labels: { env: 'fv' } } }];
    // only namespace "fleet" holds both ConfigMaps
    const objs = [...clusters, inNs('fleet', 'a', sa('a')), inNs('fleet', 'b', sa('b')), inNs('other', 'a', sa('a')),
      profile([{ kind: 'ConfigMap', name: 'a' }, { kind: 'ConfigMap', name: 'b' }], { continueOnConflict: true })];
    const r = rollout(objs);
    expect(r.referenceConflicts.map((c) => c.clusterKey)).toEqual(['Sveltos:fleet/c1']);
    expect(r.referenceConflicts[0].stopsDeployment).toBe(false);
    expect(r.referenceConflicts[0].claims.map((c) => `${c.namespace}/${c.name}`)).toEqual(['fleet/a', 'fleet/b']);
    const dry = rollout([...clusters, inNs('fleet', 'a', sa('a')), inNs('fleet', 'b', sa('b')), profile([{ kind: 'ConfigMap', name: 'a' }, { kind: 'ConfigMap', name: 'b' }], { syncMode: 'DryRun' })]);
    expect(dry.referenceConflicts).toEqual([]);
  });

  test('fails a profile object whose ref tier the CRD rejects (minimum 1)', () => {
    expect(() => sveltosStateFromObjects([profile([ref('first', 0)])])).toThrow('ClusterProfile second-tier: spec.policyRefs[0].tier 0 is invalid; allowed: an integer from 1 to 2147483647 (lower wins between refs of this profile, default 100)');
    expect(() => sveltosStateFromObjects([profile([], { kustomizationRefs: [{ kind: 'GitRepository', namespace: 'flux', name: 'k', tier: '5' }] })])).toThrow(/spec.kustomizationRefs\[0\].tier "5" is invalid/);
  });

  test('rules: FLEET014 (error) for equal tiers, FLEET015 (warning) for an override, nothing once they no longer overlap', () => {
    const cms = [configMap('first', sa('first-label')), configMap('second', sa('second-label'))];
    const findings = (objects: unknown[]) => fleetPlan.buildFleetPlan({ objects }).plan.findings.filter((f) => f.id === 'FLEET014' || f.id === 'FLEET015');
    const equal = findings([cluster('c1'), cluster('c2'), ...cms, profile([ref('first'), ref('second')])]);
    expect(equal.map((f) => `${f.id} ${f.level} ${f.subject}`)).toEqual(['FLEET014 error ClusterProfile second-tier']);
    expect(equal[0].message).toBe('ConfigMap cm-ns/first (policyRefs[0], tier 100) and ConfigMap cm-ns/second (policyRefs[1], tier 100) both deploy resource core/ServiceAccount/sa-ns/shared to clusters c1, c2: equal tier 100: ConfigMap cm-ns/first deploys first (policyRefs[0]) and keeps it; ConfigMap cm-ns/second gets a conflict; continueOnConflict is false, so its deployment stops there and the ClusterSummary is never Provisioned');
    const override = findings([cluster('c1'), ...cms, profile([ref('first'), ref('second', 90)])]);
    expect(override.map((f) => `${f.id} ${f.level}`)).toEqual(['FLEET015 warning']);
    expect(override[0].message).toMatch(/^ConfigMap cm-ns\/second \(tier 90\) takes resource core\/ServiceAccount\/sa-ns\/shared over from ConfigMap cm-ns\/first \(tier 100\) on cluster c1;/);
    expect(findings([cluster('c1'), configMap('first', sa('x', 'n1')), configMap('second', sa('y', 'n2')), profile([ref('first'), ref('second')])])).toEqual([]);
  });
});
