import { buildFleet } from './fleet';

// `npm run synth` / `cdk8s synth`: writes the hub YAML to dist/.
const { app } = buildFleet();
app.synth();
