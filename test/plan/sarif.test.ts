import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { callerSource, sourceFromStack } from '../../lib/core/source';
import { SarifReport } from '../../lib/plan/render';
import { PlanAnnotations } from '../../lib/plan/format';
import { exampleObjects, fixture, planOf } from './support';

// The official SARIF 2.1.0 schema is draft-04: ajv 8 reads it once its draft-04 `$schema`/`id`
// header is set aside (no draft-04-only keyword is used in it). Its `language` pattern is not a
// valid unicode-mode regular expression, so patterns compile without the u flag.
const { $schema, id, ...sarifSchema } = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);
const sarifErrors = (log: unknown) => (validateSarif(log) ? [] : (validateSarif.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe('SARIF 2.1.0', () => {
  // The hand-written hub with a finding located in code, an acknowledged one, a construct path and a warning.
  const objects = fixture('hand-written.yaml').map((o) => {
    if (o.kind === 'ClusterProfile' && o.metadata.name === 'ingress') return { ...o, metadata: { ...o.metadata, annotations: { [PlanAnnotations.SOURCE]: 'platform/addons.ts:42' } } };
    // an AddOn prioritizer whose score expired: a warning (the simulator scores it 0, as the scheduler does)
    if (o.kind === 'Placement' && o.metadata.name === 'prod') return { ...o, spec: { ...o.spec, prioritizerPolicy: { mode: 'Additive', configurations: [{ scoreCoordinate: { type: 'AddOn', addOn: { resourceName: 'demo', scoreName: 'cpu' } }, weight: 1 }] } } };
    return o;
  });
  const unmatched = { apiVersion: 'cluster.open-cluster-management.io/v1beta1', kind: 'Placement', metadata: { name: 'nobody', namespace: 'apps', annotations: { 'ack.cdk-fleet.io/FLEET001': 'staging joins next quarter' } }, spec: { predicates: [{ requiredClusterSelector: { labelSelector: { matchLabels: { env: 'staging' } } } }] } };
  const score = { apiVersion: 'cluster.open-cluster-management.io/v1alpha1', kind: 'AddOnPlacementScore', metadata: { name: 'demo', namespace: 'east' }, status: { validUntil: '2026-01-01T00:00:00Z', scores: [{ name: 'cpu', value: 50 }] } };
  const plan = planOf([...objects, unmatched, score], { now: '2026-03-01T10:00:00Z', constructPaths: { 'ClusterProfile ingress': 'app/hub/Addons/ingress' } });
  const log = JSON.parse(SarifReport.render(plan, { toolVersion: '0.1.0' }));

  test('validates against the official 2.1.0 schema (the example plan too)', () => {
    expect(sarifErrors(log)).toEqual([]);
    expect(sarifErrors(JSON.parse(SarifReport.render(planOf(exampleObjects()))))).toEqual([]);
  });

  test('fails schema validation when a result has no message (the validator is real)', () => {
    const broken = JSON.parse(JSON.stringify(log));
    delete broken.runs[0].results[0].message;
    expect(sarifErrors(broken)).toContain("/runs/0/results/0 must have required property 'message'");
  });

  test('rules carry id, name, description, level and help; results their level, location and fix', () => {
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('cdk-fleet');
    expect(run.tool.driver.version).toBe('0.1.0');
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(['FLEET001', 'FLEET002', 'FLEET003', 'FLEET004', 'FLEET005', 'FLEET006', 'FLEET007', 'FLEET008', 'FLEET009', 'FLEET010', 'FLEET011', 'FLEET012', 'FLEET013', 'FLEET014', 'FLEET015', 'FLEET016', 'FLEET017', 'FLEET018', 'FLEET019']);
    const fleet003 = run.tool.driver.rules[2];
    expect(fleet003).toMatchObject({ name: 'production-rollout-all', defaultConfiguration: { level: 'warning' }, help: { text: 'Fix: set maxUpdate (e.g. PercentOrAbsolute.percent(25)) on the profile' } });
    const result = run.results.find((r: any) => r.ruleId === 'FLEET003');
    expect(result).toEqual({
      ruleId: 'FLEET003',
      ruleIndex: 2,
      level: 'warning',
      message: { text: 'ClusterProfile ingress: updates all 2 production clusters (east, west) at once: no maxUpdate limits it. Fix: set maxUpdate (e.g. PercentOrAbsolute.percent(25)) on the profile' },
      locations: [{
        physicalLocation: { artifactLocation: { uri: 'platform/addons.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 42 } },
        logicalLocations: [{ name: 'ClusterProfile ingress', fullyQualifiedName: 'app/hub/Addons/ingress', kind: 'resource' }],
      }],
      partialFingerprints: { 'cdkFleetFinding/v1': 'FLEET003|ClusterProfile ingress' },
    });
  });

  test('acknowledged findings are inSource suppressions with the reason; warnings are tool notifications', () => {
    const run = log.runs[0];
    const ack = run.results.find((r: any) => r.ruleId === 'FLEET001');
    expect(ack.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'staging joins next quarter' }]);
    expect(ack.locations).toEqual([{ logicalLocations: [{ name: 'Placement apps/nobody', fullyQualifiedName: 'Placement apps/nobody', kind: 'resource' }] }]);
    expect(run.invocations[0].toolExecutionNotifications).toEqual([{
      level: 'warning',
      message: { text: 'Placement apps/prod: AddOn/demo/cpu: AddOnPlacementScores east/demo expired (scored 0)' },
      locations: [{ logicalLocations: [{ name: 'Placement apps/prod', kind: 'resource' }] }],
    }]);
    expect(SarifReport.render(plan)).not.toMatch(/"\/(work|home|tmp)\//);
  });
});

describe('the source annotation helper', () => {
  const root = '/repo';
  const lib = '/repo/lib';

  test('takes the first frame outside node_modules and lib/, relative to the project root', () => {
    const stack = [
      'Error',
      '    at callerSource (/repo/lib/plan/source.ts:40:17)',
      '    at new Placement (/repo/lib/ocm/placement.ts:120:5)',
      '    at Hub.addPlacement (/repo/lib/fleet/hub.ts:130:12)',
      '    at buildFleet (/repo/examples/fleet.ts:42:28)',
      '    at Object.<anonymous> (/repo/examples/main.ts:4:19)',
    ].join('\n');
    expect(sourceFromStack(stack, root, lib)).toBe('examples/fleet.ts:42');
    const installed = [
      'Error',
      '    at new Placement (/repo/node_modules/cdk-fleet/lib/ocm/placement.js:120:5)',
      '    at node:internal/modules/cjs/loader:1521:14',
      '    at file:///repo/platform/fleet.mjs:7:3',
    ].join('\n');
    expect(sourceFromStack(installed, root, lib)).toBe('platform/fleet.mjs:7');
  });

  test('nothing when no frame is inside the project (never an absolute path)', () => {
    expect(sourceFromStack('Error\n    at x (/elsewhere/app.ts:3:1)', root, lib)).toBeUndefined();
    expect(sourceFromStack('Error\n    at /repo/lib/x.ts:1:1', root, lib)).toBeUndefined();
  });

  test('from a real stack trace: this test file and line', () => {
    const here = callerSource(join(__dirname, '..', '..'));
    expect(here).toMatch(/^test\/plan\/sarif\.test\.ts:\d+$/);
  });
});
