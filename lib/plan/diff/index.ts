// The diff of two fleet plans (`cdk-fleet diff`).
export * from './model';
export { PlanDiff } from './plan-diff';
export type { DiffMarkdownOptions } from './plan-diff';
