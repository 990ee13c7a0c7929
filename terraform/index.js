'use strict';
// `cdk-fleet/terraform` for resolvers that ignore package.json "exports" (TypeScript's node10
// resolution): the real module is build/terraform.
module.exports = require('../build/terraform/index.js');
