// cdktf's jest matchers (toHaveResourceWithProperties, ...).
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('cdktf').Testing.setupJest();
