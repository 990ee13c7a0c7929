// policyRefs / kustomizationRefs: the per-reference tier (AC:api/v1beta1/spec.go PolicyRef.Tier and
// KustomizationRef.Tier: int32, minimum 1, default 100) and the other shared options.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { FleetApp, LabelSelector } from '../../lib';
import { plan as fleetPlan } from '../../lib';
import { ClusterProfile, DeploymentType, KustomizationRef, PolicyRef, Profile, SourceKind, SveltosCluster } from '../../lib/sveltos';
import { validateObjects } from '../support/crd-schema';

const fv = LabelSelector.matchLabels({ env: 'fv' });

describe('PolicyRef / KustomizationRef tier', () => {
  test('renders tier on policyRefs and kustomizationRefs of ClusterProfile and Profile, CRD-valid', () => {
    const c = Testing.chart();
    new ClusterProfile(c, 'cp', {
      clusterSelector: fv,
      policyRefs: [PolicyRef.configMap('base', { namespace: 'projectsveltos' }), PolicyRef.configMap('override', { namespace: 'projectsveltos', tier: 90 })],
      kustomizationRefs: [KustomizationRef.fromSource(SourceKind.GIT_REPOSITORY, 'flux-system', { namespace: 'flux-system', path: './a', tier: 1 })],
    });
    new Profile(c, 'p', {
      namespace: 'team-a',
      clusterSelector: fv,
      policyRefs: [PolicyRef.secret('creds', { tier: 2147483647, deploymentType: DeploymentType.REMOTE, optional: true, skipNamespaceCreation: true })],
    });
    const objs = Testing.synth(c);
    expect(validateObjects(objs)).toEqual([]);
    const cp = objs.find((o) => o.kind === 'ClusterProfile');
    expect(cp.spec.policyRefs).toEqual([
      { kind: 'ConfigMap', name: 'base', namespace: 'projectsveltos' },
      { kind: 'ConfigMap', name: 'override', namespace: 'projectsveltos', tier: 90 },
    ]);
    expect(cp.spec.kustomizationRefs).toEqual([{ kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system', path: './a', tier: 1 }]);
    const p = objs.find((o) => o.kind === 'Profile');
    expect(p.spec.policyRefs).toEqual([{ kind: 'Secret', name: 'creds', namespace: 'team-a', deploymentType: 'Remote', optional: true, tier: 2147483647, skipNamespaceCreation: true }]);
  });

  test('the tier getter gives the effective tier (default 100, the CRD default)', () => {
    expect(PolicyRef.configMap('a').tier).toBe(100);
    expect(PolicyRef.configMap('a', { tier: 7 }).tier).toBe(7);
    expect(KustomizationRef.fromSource(SourceKind.BUCKET, 'b').tier).toBe(100);
    expect(KustomizationRef.fromSource(SourceKind.BUCKET, 'b', { tier: 3 }).tier).toBe(3);
  });

  test('addManifestsWithOptions passes its tier to the policyRef it creates', () => {
    const c = Testing.chart();
    const cp = new ClusterProfile(c, 'cp', { clusterSelector: fv });
    const m = Testing.chart();
    new ApiObject(m, 'sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x', namespace: 'y' } });
    cp.addManifestsWithOptions({ manifests: [m], tier: 10 });
    const obj = Testing.synth(c).find((o) => o.kind === 'ClusterProfile');
    expect(obj.spec.policyRefs).toEqual([{ kind: 'ConfigMap', name: 'cp-manifests', namespace: 'projectsveltos', tier: 10 }]);
  });

  test('fails a tier the CRD rejects, naming the ref, the value, the range and the meaning', () => {
    expect(() => PolicyRef.configMap('a', { tier: 0 })).toThrow('policyRef ConfigMap "a": tier must be a whole number from 1 to 2147483647, got number 0; it orders the refs of one profile that deploy the same object (a strictly lower tier takes the object over; default 100)');
    expect(() => PolicyRef.secret('s', { tier: 1.5 })).toThrow(/policyRef Secret "s": tier must be a whole number from 1 to 2147483647, got number 1.5/);
    expect(() => PolicyRef.configMap('a', { tier: 2147483648 })).toThrow(/got number 2147483648/);
    expect(() => PolicyRef.configMap('a', { tier: '90' as any })).toThrow(/policyRef ConfigMap "a": tier must be a whole number from 1 to 2147483647, got string "90"/);
    expect(() => KustomizationRef.fromSource(SourceKind.GIT_REPOSITORY, 'k', { tier: -1 })).toThrow(/kustomizationRef GitRepository "k": tier must be a whole number from 1 to 2147483647, got number -1/);
  });

  test('fails other options of the wrong type (JavaScript callers)', () => {
    expect(() => PolicyRef.configMap('a', { optional: 'yes' as any })).toThrow('policyRef ConfigMap "a": optional must be true or false, got string "yes"');
    expect(() => PolicyRef.configMap('a', { skipNamespaceCreation: 1 as any })).toThrow(/skipNamespaceCreation must be true or false, got/);
    expect(() => PolicyRef.configMap('a', { deploymentType: 'remote' as any })).toThrow(/policyRef ConfigMap "a": deploymentType must be one of DeploymentType.REMOTE, DeploymentType.LOCAL \("Remote", "Local"\), got string "remote"/);
    expect(() => PolicyRef.configMap('', {})).toThrow(/policyRef ConfigMap "": name must be a non-empty string/);
    expect(() => PolicyRef.configMap('a', 'ns' as any)).toThrow(/policyRef ConfigMap "a": options must be an object, got string "ns"/);
    expect(() => KustomizationRef.fromSource('Git' as any, 'k')).toThrow(/kustomizationRef Git "k": kind must be one of SourceKind\./);
    expect(() => KustomizationRef.fromSource(SourceKind.GIT_REPOSITORY, 'k', { components: 'ha' as any })).toThrow(/components must be a list, got string "ha"/);
    expect(() => KustomizationRef.fromSource(SourceKind.GIT_REPOSITORY, 'k', { values: { replicas: 3 as any } })).toThrow(/values\["replicas"\] must be a string, got .*quote it: "3"/);
  });

  test('the fleet plan reports two equal-tier refs of one profile deploying the same object (FLEET014) and FleetApp fails synth', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdk-fleet-refs-'));
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      const app = new FleetApp({ outdir: dir });
      const c = new Chart(app, 'hub');
      new SveltosCluster(c, 'c1', { namespace: 'fleet', name: 'c1', labels: { env: 'fv' } });
      const manifests = (id: string, label: string) => {
        const m = Testing.chart();
        new ApiObject(m, id, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'shared', namespace: 'sa-ns', labels: { [label]: 'true' } } });
        return m;
      };
      const cp = new ClusterProfile(c, 'second-tier', { clusterSelector: fv });
      cp.addManifestsWithOptions({ manifests: [manifests('a', 'first')], name: 'first' });
      cp.addManifestsWithOptions({ manifests: [manifests('b', 'second')], name: 'second' });
      expect(() => app.synth()).toThrow(/FLEET014 ClusterProfile second-tier: ConfigMap projectsveltos\/first \(policyRefs\[0\], tier 100\) and ConfigMap projectsveltos\/second \(policyRefs\[1\], tier 100\) both deploy resource core\/ServiceAccount\/sa-ns\/shared/);
      const planned = JSON.parse(readFileSync(join(dir, 'fleet-plan.json'), 'utf8'));
      expect(planned.findings.map((f: any) => f.id)).toContain('FLEET014');
    } finally {
      process.stderr.write = write;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('with tier 90 on the second ref the plan reports the override as a warning (FLEET015), not an error', () => {
    const c = Testing.chart();
    new SveltosCluster(c, 'c1', { namespace: 'fleet', name: 'c1', labels: { env: 'fv' } });
    const cp = new ClusterProfile(c, 'second-tier', { clusterSelector: fv });
    const m1 = Testing.chart();
    new ApiObject(m1, 'a', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'shared', namespace: 'sa-ns' } });
    const m2 = Testing.chart();
    new ApiObject(m2, 'b', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'shared', namespace: 'sa-ns' } });
    cp.addManifestsWithOptions({ manifests: [m1], name: 'first' });
    cp.addManifestsWithOptions({ manifests: [m2], name: 'second', tier: 90 });
    const f = fleetPlan.buildFleetPlan({ objects: Testing.synth(c) }).plan.findings.filter((x) => x.id === 'FLEET014' || x.id === 'FLEET015');
    expect(f.map((x) => `${x.id} ${x.level}`)).toEqual(['FLEET015 warning']);
  });
});
