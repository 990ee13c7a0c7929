#!/usr/bin/env node
// Entry point of the `cdk-fleet` command (the library ships as TypeScript; tsx runs it).
require('tsx/cjs/api').register();
const { main } = require('../lib/cli/main.ts');
process.exitCode = main(process.argv.slice(2));
