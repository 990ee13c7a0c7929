// The CEL environment of the OCM placement controller (part of the OCM placement simulator).
//
// ocm pkg/placement/helpers/cel.go NewEnv: cel.NewEnv (the standard library and macros) with
// ManagedClusterLib(scoreLister), JsonLib() and sdk-go pkg/cel/common BaseEnvOpts, in this order:
// OptionalTypes(), ext.Strings(), library.Lists(), Regex(), URLs(), Quantity(), IP(), CIDR(),
// Format(), SemverLib(). Programs run with cel.CostLimit(PerCallLimit = 1,000,000) and the
// expressions of one predicate share RuntimeCELCostBudget = 10,000,000 per cluster
// (k8s.io/apiserver pkg/apis/cel/config.go; ocm pkg/common/helpers/cel.go). Overloads of a
// function keep this library order, which decides runtime dispatch.
import { CIDR } from './cidr';
import { CelDecls } from './decls';
import { FORMAT } from './format';
import { IP } from './ip';
import { JSON_LIB } from './json';
import { LISTS } from './lists';
import { ScoreLookup, managedClusterLib } from './managed-cluster';
import { OPTIONAL } from './optional';
import { QUANTITY } from './quantity';
import { REGEX } from './regex';
import { SEMVER } from './semver';
import { STANDARD } from './stdlib';
import { STRINGS } from './strings';
import { URLS } from './urls';

/** cel.CostLimit(celconfig.PerCallLimit). */
export const PER_CALL_COST_LIMIT = 1_000_000;
/** celconfig.RuntimeCELCostBudget, shared by the expressions of one predicate for one cluster. */
export const RUNTIME_COST_BUDGET = 10_000_000;

/** The declarations of OCM's placement CEL environment. */
export function placementDecls(lookup: ScoreLookup): CelDecls {
  return new CelDecls()
    .add(STANDARD)
    .add(managedClusterLib(lookup))
    .add(JSON_LIB)
    .add(OPTIONAL)
    .add(STRINGS)
    .add(LISTS)
    .add(REGEX)
    .add(URLS)
    .add(QUANTITY)
    .add(IP)
    .add(CIDR)
    .add(FORMAT)
    .add(SEMVER);
}
