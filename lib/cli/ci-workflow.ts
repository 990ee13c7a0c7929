// The GitHub Actions workflow that puts the fleet plan diff into every pull request: it
// synthesizes the base and the head, runs `cdk-fleet diff --format markdown`, and creates or
// updates ONE comment (found by a hidden marker). `cdk-fleet init` writes it; the scripts it runs
// are exported too, so they can be tested outside GitHub.

/** Where the workflow lives in a platform repository. */
export const CI_WORKFLOW_FILE = '.github/workflows/cdk-fleet-plan.yml';

/** The hidden marker that identifies the plan comment of a pull request. */
export const COMMENT_MARKER = '<!-- cdk-fleet:plan-diff -->';

/** Options of {@link ciWorkflow}. */
export interface CiWorkflowOptions {
  /**
   * The command that installs the project.
   * @default 'npm ci --no-audit --no-fund'
   */
  readonly install?: string;
  /**
   * The command that synthesizes the hub YAML.
   * @default 'npm run synth'
   */
  readonly synth?: string;
  /**
   * The folder synth writes the hub YAML to, relative to the repository root.
   * @default 'dist'
   */
  readonly dist?: string;
  /**
   * The Node.js version.
   * @default '20'
   */
  readonly nodeVersion?: string;
}

/**
 * The bash script of the diff step. Reads BASE_SHA (the commit to compare with) and, optionally,
 * CDK_FLEET (the command; default `npx --no-install cdk-fleet`), CDK_FLEET_INSTALL, CDK_FLEET_SYNTH,
 * CDK_FLEET_DIST and CDK_FLEET_WORK (default `$RUNNER_TEMP/cdk-fleet`). Leaves `comment.md` (the
 * marker and the diff in Markdown, or what failed), `fleet-plan.html` and `fleet-plan.sarif` (the
 * head's findings) in the work folder, and
 * `outcome=changes|no-changes|error` in $GITHUB_OUTPUT when set. Exits 1 only when it could not
 * write a comment.
 */
export function diffScript(options: CiWorkflowOptions = {}): string {
  const install = options.install ?? 'npm ci --no-audit --no-fund';
  const synth = options.synth ?? 'npm run synth';
  const dist = options.dist ?? 'dist';
  return `set -euo pipefail
: "\${BASE_SHA:?BASE_SHA is the commit to compare with}"
work="\${CDK_FLEET_WORK:-\${RUNNER_TEMP:-/tmp}/cdk-fleet}"
cdk_fleet="\${CDK_FLEET:-npx --no-install cdk-fleet}"
install="\${CDK_FLEET_INSTALL:-${install}}"
synth="\${CDK_FLEET_SYNTH:-${synth}}"
dist="\${CDK_FLEET_DIST:-${dist}}"
rm -rf "$work"
mkdir -p "$work"
outcome() { if [ -n "\${GITHUB_OUTPUT:-}" ]; then echo "outcome=$1" >> "$GITHUB_OUTPUT"; fi; echo "fleet plan diff: $1"; }
failed() {
  { echo '${COMMENT_MARKER}'; echo '## Fleet plan diff'; echo; echo "$1"; echo; echo '\`\`\`'; tail -n 30 "$2"; echo '\`\`\`'; } > "$work/comment.md"
  outcome error
  exit 0
}
# The head: this checkout (for a pull request, the merge of the head into the base).
if ! { $install && $synth; } > "$work/head.log" 2>&1; then failed "The head could not be synthesized (\\\`$synth\\\`):" "$work/head.log"; fi
# The base: the commit the pull request targets, in a worktree of its own.
git worktree remove --force "$work/base" > /dev/null 2>&1 || true
git worktree add --detach "$work/base" "$BASE_SHA" > "$work/base.log" 2>&1 || failed "The base $BASE_SHA could not be checked out:" "$work/base.log"
if ! ( cd "$work/base" && $install && $synth ) >> "$work/base.log" 2>&1; then failed "The base $BASE_SHA could not be synthesized (\\\`$synth\\\`):" "$work/base.log"; fi
if [ ! -d "$work/base/$dist" ]; then echo "no $dist/ in the base" > "$work/base.log"; failed "The base $BASE_SHA has no $dist/ folder to compare with:" "$work/base.log"; fi
$cdk_fleet plan "$dist" --format html > "$work/fleet-plan.html" 2> "$work/html.log" || true
# The head's findings for code scanning: the FleetApp's SARIF names the files and lines that declared them.
if [ -f "$dist/fleet-plan.sarif" ]; then cp "$dist/fleet-plan.sarif" "$work/fleet-plan.sarif"; else $cdk_fleet plan "$dist" --format sarif --fail-on never > "$work/fleet-plan.sarif" 2>> "$work/html.log" || true; fi
set +e
$cdk_fleet diff "$work/base/$dist" "$dist" --format markdown --detailed-exitcode > "$work/diff.md" 2> "$work/diff.log"
code=$?
set -e
git worktree remove --force "$work/base" > /dev/null 2>&1 || true
if [ "$code" -eq 1 ]; then failed 'cdk-fleet diff failed:' "$work/diff.log"; fi
{ echo '${COMMENT_MARKER}'; cat "$work/diff.md"; } > "$work/comment.md"
if [ "$code" -eq 2 ]; then outcome changes; else outcome no-changes; fi
`;
}

/**
 * The actions/github-script body that creates the plan comment or updates the one that carries
 * {@link COMMENT_MARKER}. Reads `comment.md` from CDK_FLEET_WORK (default `$RUNNER_TEMP/cdk-fleet`).
 */
export function commentScript(): string {
  return `const fs = require('fs');
const path = require('path');
const work = process.env.CDK_FLEET_WORK || path.join(process.env.RUNNER_TEMP || '/tmp', 'cdk-fleet');
const file = path.join(work, 'comment.md');
if (!fs.existsSync(file)) { core.warning('no fleet plan comment was written'); return; }
let body = fs.readFileSync(file, 'utf8');
const marker = ${JSON.stringify(COMMENT_MARKER)};
if (!body.includes(marker)) body = marker + '\\n' + body;
if (body.length > 65000) body = body.slice(0, 65000) + '\\n\\n… cut to fit a comment.\\n';
const { owner, repo } = context.repo;
const issue_number = context.payload.pull_request.number;
const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
const mine = comments.find((c) => typeof c.body === 'string' && c.body.includes(marker));
if (mine) {
  if (mine.body !== body) await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
} else {
  await github.rest.issues.createComment({ owner, repo, issue_number, body });
}
`;
}

const indent = (text: string, n: number) => text.trimEnd().split('\n').map((l) => (l ? ' '.repeat(n) + l : '')).join('\n');

/** The workflow file's text (YAML). */
export function ciWorkflow(options: CiWorkflowOptions = {}): string {
  return `# Written by cdk-fleet init. On every pull request: synthesize the base and the head, diff their
# fleet plans (cdk-fleet diff) and keep ONE comment on the pull request up to date with the result.
# The head's findings go to code scanning (fleet-plan.sarif), shown on the lines that declared them.
# Pull requests from forks get a read-only token: the comment and upload steps then only warn.
name: fleet plan

on:
  pull_request:

permissions:
  contents: read
  pull-requests: write
  security-events: write

concurrency:
  group: cdk-fleet-plan-\${{ github.event.pull_request.number }}
  cancel-in-progress: true

jobs:
  plan-diff:
    runs-on: ubuntu-latest
    env:
      CHECKPOINT_DISABLE: '1'
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: '${options.nodeVersion ?? '20'}'
          cache: npm
      - id: diff
        name: Synthesize base and head, diff the fleet plans
        env:
          BASE_SHA: \${{ github.event.pull_request.base.sha }}
        run: |
${indent(diffScript(options), 10)}
      - name: Comment on the pull request
        if: always() && steps.diff.outcome == 'success'
        uses: actions/github-script@v7
        continue-on-error: true
        with:
          script: |
${indent(commentScript(), 12)}
      - name: Keep the HTML report
        if: always() && steps.diff.outcome == 'success'
        uses: actions/upload-artifact@v4
        with:
          name: fleet-plan-html
          path: \${{ runner.temp }}/cdk-fleet/fleet-plan.html
          if-no-files-found: ignore
      - name: Findings to code scanning
        if: always() && steps.diff.outcome == 'success'
        uses: github/codeql-action/upload-sarif@v3
        continue-on-error: true
        with:
          sarif_file: \${{ runner.temp }}/cdk-fleet/fleet-plan.sarif
          category: cdk-fleet
      - name: Fail when the plan could not be diffed
        if: steps.diff.outputs.outcome == 'error'
        run: |
          echo 'cdk-fleet could not diff the fleet plans; see the pull-request comment' >&2
          exit 1
`;
}
