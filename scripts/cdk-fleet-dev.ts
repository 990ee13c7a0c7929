// The `cdk-fleet` command run from the TypeScript sources (tests and development; the package's
// bin/cdk-fleet.js runs the compiled build): `npm run cli -- plan dist`.
import { main } from '../lib/cli/main';

process.exitCode = main(process.argv.slice(2));
