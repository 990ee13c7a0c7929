// cdktf's jest matchers (toHaveResourceWithProperties, ...).
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('cdktf').Testing.setupJest();
// The library's entry point: it installs the fleet model the L2 constructs consult (tests import
// single modules; users always import the package, which loads it).
require('../lib');
