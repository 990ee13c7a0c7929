// The Sveltos conformance runner handles every key the vector README documents (steps, expectedAfterPrune, invariant,
// expectedClusterSummaries, expectedStatus, hubObjects, existingObject, ...), against the simulators. The vectors in
// ./sveltos-vectors are transcribed from upstream tests in the shared format (each cites its source It); the shared
// vectors (../shared/conformance/sveltos-selection) run in sveltos-selection.test.ts.
import * as fs from 'fs';
import * as path from 'path';
import { runSveltosSelectionVector } from '../support/conformance/sveltos-selection';

const HERE = path.join(__dirname, 'sveltos-vectors');
const SHARED = path.resolve(__dirname, '..', '..', '..', 'shared', 'conformance', 'sveltos-selection');
const files = fs.readdirSync(HERE).filter((f) => f.endsWith('.json')).sort();
const load = (f: string, dir = HERE) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
const run = (v: unknown) => runSveltosSelectionVector(v).join('\n');

describe('transcribed Sveltos vectors', () => {
  test('cover every documented key the shared vectors do not exercise', () => {
    const keys = new Set(files.flatMap((f) => Object.keys(load(f))));
    for (const k of ['steps', 'expectedAfterPrune', 'expectedSelectedCount', 'invariant', 'expectedClusterSummaries', 'expectedStatus', 'hubObjects', 'existingObject', 'otherProfiles', 'clusterSets']) expect(keys).toContain(k);
  });

  test.each(files)('%s passes', (file) => {
    expect(runSveltosSelectionVector(load(file))).toEqual([]);
  });
});

describe('the runner checks what each key states (a wrong expectation fails)', () => {
  test('clusterset: expectedAfterPrune, expectedSelectedCount, set invariants', () => {
    const v = load('set-005-prune-connection-down.json');
    expect(run({ ...v, expectedSelectedCount: 3 })).toMatch(/expectedSelectedCount: expected 3, got 2/);
    expect(run({ ...v, expectedAfterPrune: v.clusterSets[0].status.matchingClusterRefs.slice(0, 3) })).toMatch(/expectedAfterPrune \(healthy matching clusters\): expected \[Sveltos rand-ns-down-0\/rand-down-0/);
    expect(run({ ...v, invariant: 'clusters are picked at random' })).toMatch(/matches none of the ClusterSet invariants the runner checks/);
    // maxReplicas omitted (0) selects nothing, and the invariants still hold
    const none = { ...v, clusterSets: [{ ...v.clusterSets[0], spec: {} }], expectedSelectedCount: 0 };
    expect(runSveltosSelectionVector(none)).toEqual([]);
  });

  test('generic steps: patches, their own expectations and sticky carry-over, each failure named by step', () => {
    const v = load('set-006-failover-steps.json');
    const wrong = JSON.parse(JSON.stringify(v));
    wrong.steps[0].expectedMatches = wrong.expectedMatches;
    expect(run(wrong)).toMatch(/^steps\[0\]: expectedMatches \(status.selectedClusterRefs\): expected \[SveltosCluster fleet\/rand-a, SveltosCluster fleet\/rand-b\], got \[SveltosCluster fleet\/rand-a, SveltosCluster fleet\/rand-c\]/m);
    // without carry-over, step 1 (b Healthy again, nothing selected before) would pick a and b, not a and c
    const noSticky = JSON.parse(JSON.stringify(v));
    noSticky.steps = [noSticky.steps[1]];
    expect(run(noSticky)).toMatch(/steps\[0\]: expectedStatus.selectedClusterRefs: expected \[SveltosCluster fleet\/rand-a, SveltosCluster fleet\/rand-c\], got \[SveltosCluster fleet\/rand-a, SveltosCluster fleet\/rand-b\]/);
    const badKey = JSON.parse(JSON.stringify(v));
    badKey.steps[0].surprise = true;
    expect(run(badKey)).toMatch(/steps\[0\] has keys "surprise" that are neither inputs, expectations nor <root>.<path> patches/);
    const badPatch = JSON.parse(JSON.stringify(v));
    badPatch.steps[0] = { 'clusters[nope].status.ready': false };
    expect(run(badPatch)).toMatch(/steps\[0\].clusters\[nope\].status.ready: clusters has no entry named nope/);
  });

  test('readiness: expectedClusterSummaries, expectedStatus.matchingClusters, the readiness invariant', () => {
    const v = load('ready-002-paused-capi-with-maxupdate.json');
    expect(run({ ...v, expectedClusterSummaries: 1 })).toMatch(/expectedClusterSummaries: expected 1, got 0/);
    expect(run({ ...v, expectedStatus: { matchingClusters: [] } })).toMatch(/expectedStatus.matchingClusters: expected \[\], got \[Cluster profile-utils-rand-1\/rand-upstream-match\]/);
    expect(run({ ...v, expectedStatus: { updatedClusters: [] } })).toMatch(/expectedStatus.updatedClusters is not a status field the simulator computes/);
    expect(run({ ...v, invariant: 'the moon is made of cheese' })).toMatch(/matches none of the invariants the runner checks: dependsOn gate/);
    expect(run({ ...v, existingObject: {} })).toMatch(/existingObject only applies to tier .* and ocm-addon/);
    expect(run({ ...v, hubObjects: [] })).toMatch(/hubObjects only applies to ocm-addon vectors/);
  });

  test('readiness: expectedClusterSummary checks the ClusterSummary labels Sveltos writes', () => {
    const v = load('ready-003-ready-capi-gets-clustersummary.json', SHARED);
    const labels = { 'projectsveltos.io/cluster-profile-name': 'rand-profile', 'projectsveltos.io/cluster-name': 'rand-upstream-match', 'projectsveltos.io/cluster-type': 'Capi' };
    expect(runSveltosSelectionVector({ ...v, expectedClusterSummary: { ...v.expectedClusterSummary, labels } })).toEqual([]);
    expect(run({ ...v, expectedClusterSummary: { ...v.expectedClusterSummary, labels: { ...labels, 'projectsveltos.io/cluster-type': 'Sveltos' } } })).toMatch(/expectedClusterSummary.labels: expected/);
  });

  test('maxUpdate: one pass per step, maxUpdate raised by a patch', () => {
    const v = load('maxupdate-005-rolling-creation-steps.json');
    const wrong = JSON.parse(JSON.stringify(v));
    wrong.steps[0].expectedClusterSummaries = 1;
    expect(run(wrong)).toMatch(/steps\[0\]: expectedClusterSummaries: expected 1, got 2/);
    expect(run({ ...v, expectedClusterSummaries: 2 })).toMatch(/^expectedClusterSummaries: expected 2, got 1/m);
  });

  test('dependsOn: areDependentsRemoved steps', () => {
    const v = load('dep-004-prerequisite-kept-while-dependent-exists.json');
    const wrong = JSON.parse(JSON.stringify(v));
    wrong.steps[0].expectRemoved = true;
    expect(run(wrong)).toBe('steps[0].expectRemoved: expected true, got false (rand-dependent still depends on this profile and has not been removed yet)');
  });

  test('tier: ValidateObjectForUpdate with per-reference tiers, and the requeue challenger state', () => {
    const v = load('tier-004-reference-tier-existing-object.json');
    const wrong = JSON.parse(JSON.stringify(v));
    wrong.steps[0].expectConflict = true;
    expect(run(wrong)).toMatch(/steps\[0\].expectConflict: expected true, got false/);
    // CanDeployResource (not ValidateObjectForUpdate): the missing owner-tier counts as MaxInt32, so tier 100 takes over
    const can = { ...v, function: 'deployer.CanDeployResource' };
    expect(run(can)).toMatch(/steps\[1\].expectConflict: expected true, got false .*ownership changes/);
    const requeue = load('tier-003-helm-challenger-requeue.json', SHARED);
    requeue.steps[1].challengerState = 'Helm Provisioned';
    expect(run(requeue)).toMatch(/steps\[1\].challengerState: a challenger that lost the release is Helm FailedNonRetriable in the simulator, the vector says Provisioned/);
    requeue.steps[1].challengerState = 'Helm is fine';
    expect(run(requeue)).toMatch(/challengerState part "Helm is fine" is not "<Helm\|release> <status>"/);
  });

  test('ocm-addon: hubObjects drive one reconcile pass; expectedStatus registeredClusters and conditions; steps carry the SveltosCluster', () => {
    const v = load('ocm-003-wait-for-token-steps.json');
    const wrong = JSON.parse(JSON.stringify(v));
    wrong.steps[1].expectedStatus.registeredClusters[0].sveltosClusterCreated = true;
    expect(run(wrong)).toMatch(/steps\[1\]: expectedStatus.registeredClusters: expected/);
    const unknown = JSON.parse(JSON.stringify(v));
    unknown.steps[0].hubObjects = ['a pony', 'ConfigMap cluster1/x'];
    expect(run(unknown)).toMatch(/steps\[0\]: hubObjects entry "a pony" is not an object sveltos-ocm-addon reads/);
    expect(run(unknown)).toMatch(/steps\[0\]: hubObjects entry "ConfigMap cluster1\/x" is not an object sveltos-ocm-addon reads/);
    unknown.steps[0].hubObjects = ['ManagedClusterAddOn cluster1/sveltos-ocm-addon (Available) trailing words'];
    expect(run(unknown)).toMatch(/is not "Kind ns\/name \[\(Condition\)\] \[with field=value\] \[\{keys\}\]"/);
    const off = load('ocm-002-labelsync-false.json');
    expect(run({ ...off, profile: { ...off.profile, spec: { labelSync: true } } })).toMatch(/expectedMatches \(SveltosClusters created\)/);
    // without the cluster-proxy CA Secret the pass fails: nothing is created
    expect(run({ ...off, hubObjects: off.hubObjects.slice(0, 4) })).toMatch(/expectedMatches \(SveltosClusters created\): expected \[SveltosCluster cluster1\/cluster1\], got \[\]/);
    const additive = load('ocm-005-label-sync-additive-steps.json');
    const dropped = JSON.parse(JSON.stringify(additive));
    dropped.steps[0].expectedMatches[0].labels = { env: 'staging', 'projectsveltos.io/k8s-version': 'v1.30.0' };
    expect(run(dropped)).toMatch(/steps\[0\]: expectedMatches \(SveltosClusters created\)/);
    expect(run({ ...load('ocm-004-no-addons.json'), expectedStatus: { observedGeneration: 1 } })).toMatch(/expectedStatus.observedGeneration is not a SveltosOCMCluster status field/);
  });

  test('controller flags the simulator does not model fail instead of being ignored', () => {
    const v = load('sel-005a-selector-only.json', SHARED);
    expect(run({ ...v, controllerConfig: { 'auto-deploy-dependencies': false } })).toBe('');
    expect(run({ ...v, controllerConfig: { 'shard-key': 'edge' } })).toMatch(/controllerConfig shard-key is not modelled by the simulator/);
  });
});
