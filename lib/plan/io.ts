// Reading hub objects from YAML or JSON files (our dist/, hand-written YAML, Helm-rendered YAML,
// `kubectl get -o yaml`). The reading and checking live in ./input/.
import { readPlanInput } from './input';

/**
 * Every object in the .yaml/.yml/.json files at `path`, checked as the API server would check it.
 * `path` is a file, or a folder read recursively in sorted order (the plan's own `fleet-plan.json`
 * is skipped). Files must be regular UTF-8 files of at most 64 MiB; objects need valid names,
 * labels and annotations, an apiVersion that exists (one no longer served is read as the served
 * version) and, when namespaced, a namespace. `kind: List` documents give their items; an object
 * given twice with the same content is returned once; documents that are not objects are skipped
 * (`cdk-fleet plan` warns about them). Throws one FleetValidationError listing every problem, one
 * line each, naming the file and the object.
 */
export function readObjects(path: string): unknown[] {
  return readPlanInput(path).objects;
}
