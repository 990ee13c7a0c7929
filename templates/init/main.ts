import { buildApp } from './fleet';

// `cdk8s synth`: the hub YAML, the fleet plan (dist/fleet-plan.md, .json) and its findings.
buildApp().synth();
