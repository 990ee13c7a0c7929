import { AzurermBackend, AzurermBackendConfig, GcsBackend, GcsBackendConfig, LocalBackend, NamedRemoteWorkspace, RemoteBackend, S3Backend, S3BackendConfig, TerraformStack } from 'cdktf';
import { fail } from '../core/errors';
import { isAbsolutePath, rejectAbsolutePath } from './_util';

/** Options of {@link Backend.local}. */
export interface LocalBackendOptions {
  /**
   * The directory the state files go to, relative to each stack's working directory
   * (`cdktf.out/stacks/<stack>/`); each stack writes `<directory>/<stack>.tfstate`.
   * `'../../../terraform-state'` keeps the state beside `cdktf.json`.
   */
  readonly directory: string;
}

/** S3 backend settings without the per-stack key and without inline credentials. */
export interface S3BackendOptions extends Omit<S3BackendConfig, 'key' | 'accessKey' | 'secretKey' | 'token' | 'sseCustomerKey'> {
  /**
   * Prefix of the state object keys; each stack uses `<keyPrefix>/<stack>.tfstate`. Leading and
   * trailing `/` are dropped; an empty prefix puts each state at `<stack>.tfstate`.
   * @default 'cdk-fleet'
   */
  readonly keyPrefix?: string;
}

/** GCS backend settings without the per-stack prefix and without inline credentials. */
export interface GcsBackendOptions extends Omit<GcsBackendConfig, 'prefix' | 'credentials' | 'accessToken' | 'encryptionKey'> {
  /**
   * Prefix of the state objects; each stack uses `<prefix>/<stack>`. Leading and trailing `/` are
   * dropped; an empty prefix puts each state under `<stack>`.
   * @default 'cdk-fleet'
   */
  readonly prefix?: string;
}

/** Azure Storage backend settings without the per-stack key and without inline secrets. */
export interface AzurermBackendOptions extends Omit<AzurermBackendConfig, 'key' | 'accessKey' | 'sasToken' | 'clientSecret' | 'clientCertificatePassword' | 'oidcToken' | 'oidcRequestToken'> {
  /**
   * Prefix of the state blob names; each stack uses `<keyPrefix>/<stack>.tfstate`. Leading and
   * trailing `/` are dropped; an empty prefix puts each state at `<stack>.tfstate`.
   * @default 'cdk-fleet'
   */
  readonly keyPrefix?: string;
}

/** HCP Terraform / Terraform Enterprise (`remote` backend) settings; the API token comes from the CLI credentials, never from code. */
export interface RemoteBackendOptions {
  /** The organization. */
  readonly organization: string;
  /**
   * The hostname.
   * @default 'app.terraform.io'
   */
  readonly hostname?: string;
  /**
   * Workspace name prefix; each stack uses workspace `<workspacePrefix><stack>`.
   * @default 'cdk-fleet-'
   */
  readonly workspacePrefix?: string;
}

const SECRET_FIELDS = ['accessKey', 'secretKey', 'token', 'sseCustomerKey', 'credentials', 'accessToken', 'encryptionKey', 'sasToken', 'clientSecret', 'clientCertificatePassword', 'oidcToken', 'oidcRequestToken'];
const PATH_FIELDS = ['sharedCredentialsFile', 'sharedCredentialsFiles', 'sharedConfigFiles', 'customCaBundle', 'webIdentityTokenFile', 'clientCertificatePath', 'oidcTokenFilePath'];

/**
 * Where the state of every stack of the fleet lives. Always explicit: cdktf's default local backend
 * writes an absolute, machine-specific path into every stack (and into the remote-state lookups
 * of the stacks that depend on it). Each factory derives a per-stack location from the stack id.
 * Inline credentials are rejected: use the backend's environment variables or credential files.
 */
export class Backend {
  /**
   * Local state files, one per stack, in a directory relative to the stack's working directory.
   * Good for a laptop or a demo; use a remote backend for a team.
   */
  public static local(options: LocalBackendOptions): Backend {
    const directory = options?.directory;
    rejectAbsolutePath('Backend.local', 'directory', directory,
      'use a path relative to cdktf.out/stacks/<stack>/, e.g. "../../../terraform-state", or a remote backend');
    const dir = directory.replace(/\/+$/, '') || '.';
    return new Backend(`local ${dir}`, (stack) => {
      new LocalBackend(stack, { path: `${dir}/${stack.node.id}.tfstate` });
    });
  }

  /** An S3 bucket; each stack's state object is `<keyPrefix>/<stack>.tfstate`. */
  public static s3(options: S3BackendOptions): Backend {
    checkConfig('Backend.s3', options, ['bucket']);
    const { keyPrefix, ...config } = options;
    const prefix = trimSlashes('Backend.s3', 'keyPrefix', keyPrefix ?? 'cdk-fleet');
    return new Backend(`s3 ${options.bucket}/${prefix}`, (stack) => {
      new S3Backend(stack, { ...config, key: under(prefix, `${stack.node.id}.tfstate`) });
    });
  }

  /** A GCS bucket; each stack's state lives under `<prefix>/<stack>`. */
  public static gcs(options: GcsBackendOptions): Backend {
    checkConfig('Backend.gcs', options, ['bucket']);
    const { prefix, ...config } = options;
    const p = trimSlashes('Backend.gcs', 'prefix', prefix ?? 'cdk-fleet');
    return new Backend(`gcs ${options.bucket}/${p}`, (stack) => {
      new GcsBackend(stack, { ...config, prefix: under(p, stack.node.id) });
    });
  }

  /** An Azure Storage container; each stack's state blob is `<keyPrefix>/<stack>.tfstate`. */
  public static azurerm(options: AzurermBackendOptions): Backend {
    checkConfig('Backend.azurerm', options, ['storageAccountName', 'containerName']);
    const { keyPrefix, ...config } = options;
    const prefix = trimSlashes('Backend.azurerm', 'keyPrefix', keyPrefix ?? 'cdk-fleet');
    return new Backend(`azurerm ${options.storageAccountName}/${options.containerName}/${prefix}`, (stack) => {
      new AzurermBackend(stack, { ...config, key: under(prefix, `${stack.node.id}.tfstate`) });
    });
  }

  /** HCP Terraform / Terraform Enterprise; each stack gets workspace `<workspacePrefix><stack>`. */
  public static remote(options: RemoteBackendOptions): Backend {
    checkConfig('Backend.remote', options as unknown as Record<string, unknown>, ['organization']);
    const prefix = options.workspacePrefix ?? 'cdk-fleet-';
    return new Backend(`remote ${options.organization}/${prefix}*`, (stack) => {
      new RemoteBackend(stack, {
        organization: options.organization,
        hostname: options.hostname,
        workspaces: new NamedRemoteWorkspace(`${prefix}${stack.node.id}`),
      });
    });
  }

  /**
   * Any other backend: `configure` adds it to each stack (e.g. `(s) => new PgBackend(s, {...})`).
   * Keep credentials and absolute paths out of it, like the other factories do.
   * @param description a human description, e.g. `pg fleet-state`
   * @param configure adds the backend to one stack
   */
  public static custom(description: string, configure: (stack: TerraformStack) => void): Backend {
    if (typeof configure !== 'function') fail('Backend.custom', 'needs a function that adds a backend to a stack, e.g. (stack) => new PgBackend(stack, { connStr: ... })');
    return new Backend(description, configure);
  }

  private constructor(
    /** A human description (no secrets), e.g. `s3 my-bucket/cdk-fleet`. */
    public readonly description: string,
    private readonly configure: (stack: TerraformStack) => void,
  ) {}

  /** Adds this backend to `stack`. @internal */
  public _bind(stack: TerraformStack): void {
    this.configure(stack);
  }
}

function trimSlashes(subject: string, what: string, s: string): string {
  if (typeof s !== 'string') fail(subject, `${what} must be a string such as "cdk-fleet" (or "" for none), got ${typeof s}`);
  return s.replace(/^\/+|\/+$/g, '');
}

/** `prefix/name`, or `name` alone when the prefix is empty (an empty prefix means "no prefix", not a leading "/"). */
function under(prefix: string, name: string): string {
  return prefix ? `${prefix}/${name}` : name;
}

function checkConfig(subject: string, options: object | undefined, required: string[]): void {
  if (!options || typeof options !== 'object') fail(subject, `needs its settings (${required.join(', ')})`);
  const o = options as Record<string, unknown>;
  for (const r of required) {
    if (typeof o[r] !== 'string' || (o[r] as string).length === 0) fail(subject, `needs ${r}`);
  }
  for (const k of SECRET_FIELDS) {
    if (o[k] !== undefined) {
      fail(subject, `${k} is a credential and would be written in plain text into every synthesized stack; remove it and supply it through the backend's environment variables or credentials file`);
    }
  }
  for (const k of PATH_FIELDS) {
    const v = o[k];
    for (const p of Array.isArray(v) ? v : v === undefined ? [] : [v]) {
      if (typeof p === 'string' && isAbsolutePath(p)) fail(subject, `${k} ${JSON.stringify(p)} is an absolute, machine-specific path; use a relative or "~" path, or the backend's environment variables`);
    }
  }
}
