import { App, Chart, Testing } from 'cdk8s';
import { Hub, HubProps } from '../../lib/fleet';
import { validateObjects } from './crd-schema';

/** Synthesizes a chart and asserts that every object validates against its upstream CRD. */
export function synth(chart: Chart): any[] {
  const objects = Testing.synth(chart);
  const errors = validateObjects(objects);
  if (errors.length > 0) throw new Error(`emitted objects do not validate against ../shared/crds:\n  ${errors.join('\n  ')}`);
  return objects;
}

/** A fresh app and hub for a test. */
export function newHub(props: HubProps = {}): { app: App; hub: Hub } {
  const app = Testing.app();
  const hub = new Hub(app, 'hub', props);
  return { app, hub };
}

/** The one object of `kind` named `name`. */
export function find(objects: any[], kind: string, name: string, namespace?: string): any {
  const hits = objects.filter((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  if (hits.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${hits.length}`);
  return hits[0];
}
