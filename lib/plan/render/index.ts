// Renderers of the fleet plan: JSON (machine), Markdown (what a reviewer reads in a PR), text
// (the CLI), console lines (findings at synth) and explanations (`cdk-fleet explain`).
export * from './json';
export * from './markdown';
export * from './text';
export * from './console';
export * from './explain';
export * from './sarif';
export * from './html';
