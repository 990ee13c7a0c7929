import { IConstruct } from 'constructs';
import { KindRegistry } from '../core/kind-registry';

export { l1Object, subjectOf } from '../ocm/_util';

/** Per-app index of the Karmada constructs by kind. @internal */
export const KarmadaRegistry = {
  /** The registry of the app `scope` belongs to. */
  of: (scope: IConstruct): KindRegistry => KindRegistry.of(scope, 'karmada'),
};
