#!/usr/bin/env node
'use strict';
// The `cdk-fleet` command (compiled JS; exit codes in `cdk-fleet --help`).
const { main } = require('../build/cli/main.js');
process.exitCode = main(process.argv.slice(2));
