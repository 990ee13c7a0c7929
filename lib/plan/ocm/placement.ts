/**
 * The OCM Placement scheduling simulator: reproduces the placement controller of
 * open-cluster-management-io/ocm (commit 00f84c32) step by step, and explains, for every cluster
 * that is not selected, the first reason why. Pure TypeScript: no cdk8s/cdktf imports.
 *
 * See ../../../../shared/reference/ocm.md §a for the semantics, and the conformance vectors in
 * ../../../../shared/conformance/ocm-placement.
 */
// The simulator is split along the scheduler's phases: cel/ (OCM's CEL environment), selectors.ts, quantities.ts,
// prepared-state.ts (the hub indexed once), taints.ts, predicates.ts, prioritizers.ts,
// decision-groups.ts, sorting.ts and scheduler.ts (the pipeline). This file is its public face.
export { PreparedHubState, prepareHubState } from './prepared-state';
export type { ScheduleOptions, DecisionGroupResult, PlacementDecisionResult, PlacementConditionResult, PlacementScheduleResult } from './results';
export { schedulePlacement, scheduleAll } from './scheduler';
