import { TerraformStack, TerraformVariable } from 'cdktf';
import { fail } from '../core/errors';
import { rejectAbsolutePath, validateTfIdentifier } from './_util';

/** The Terraform variables that carry a cluster's API server URL, bearer token and CA. */
export interface HostAndTokenVariables {
  /** Name of the Terraform variable holding the API server URL, e.g. `hub_host` (`https://hub.example.com:6443`). */
  readonly hostVariable: string;
  /** Name of the Terraform variable holding a bearer token, e.g. `hub_token`. It is declared `sensitive`. */
  readonly tokenVariable: string;
  /** Name of the Terraform variable holding the cluster CA certificate (PEM), e.g. `hub_ca`. */
  readonly caVariable: string;
}

/**
 * How Terraform reaches the API server of one cluster (the hub or a spoke), used for both the
 * Kubernetes and the Helm provider. Credentials never appear in the synthesized JSON: a kubeconfig
 * file is referenced by a relative or `~` path, and host/token/CA come from Terraform variables
 * (the token one declared `sensitive`), set with `TF_VAR_<name>` or a `.tfvars` file at deploy time.
 */
export class KubeconfigSource {
  /**
   * A kubeconfig file and, optionally, a context in it.
   *
   * The path must not be absolute (it would be machine-specific and land in the synthesized
   * JSON): use `~/.kube/config` (the providers expand `~`) or a path relative to the stack's
   * working directory, `cdktf.out/stacks/<stack>/`.
   *
   * @param path the kubeconfig path, e.g. `~/.kube/config`
   * @param context the context to use
   * @default context - the kubeconfig's current context
   */
  public static file(path: string, context?: string): KubeconfigSource {
    rejectAbsolutePath('KubeconfigSource.file', 'kubeconfig path', path,
      'use "~/.kube/config" (the providers expand "~") or a path relative to cdktf.out/stacks/<stack>/, or KubeconfigSource.hostAndToken({...}) with Terraform variables');
    if (context !== undefined && (typeof context !== 'string' || context.length === 0)) {
      fail('KubeconfigSource.file', `context ${JSON.stringify(context)} must be a non-empty context name, or omitted for the current context`);
    }
    return new KubeconfigSource(`file ${path}${context ? ` (context ${context})` : ''}`, { path, context });
  }

  /**
   * The API server URL, a bearer token and the cluster CA, each from a Terraform variable
   * declared in the stack that uses it (the token variable `sensitive`). Stacks that share a
   * variable name share the variable.
   */
  public static hostAndToken(variables: HostAndTokenVariables): KubeconfigSource {
    const subject = 'KubeconfigSource.hostAndToken';
    if (!variables || typeof variables !== 'object') fail(subject, 'needs { hostVariable, tokenVariable, caVariable }: the names of three Terraform variables');
    validateTfIdentifier(subject, 'hostVariable', variables.hostVariable);
    validateTfIdentifier(subject, 'tokenVariable', variables.tokenVariable);
    validateTfIdentifier(subject, 'caVariable', variables.caVariable);
    const names = [variables.hostVariable, variables.tokenVariable, variables.caVariable];
    if (new Set(names).size !== 3) fail(subject, `hostVariable, tokenVariable and caVariable must be three different variables, got ${names.join(', ')}`);
    return new KubeconfigSource(`variables ${names.join(', ')}`, { variables: { ...variables } });
  }

  private constructor(
    /** A human description (no secrets), e.g. `file ~/.kube/config (context hub)`. */
    public readonly description: string,
    private readonly spec: { path?: string; context?: string; variables?: HostAndTokenVariables },
  ) {}

  /** True when the API server URL comes from a Terraform variable (see {@link hostAndToken}). */
  public get hasHostVariable(): boolean {
    return this.spec.variables !== undefined;
  }

  /**
   * The provider connection settings for `stack`, declaring the variables it needs there.
   * @internal
   */
  public _connection(stack: TerraformStack): ClusterConnection {
    if (this.spec.path !== undefined) {
      return { configPath: this.spec.path, configContext: this.spec.context };
    }
    const v = this.spec.variables!;
    return {
      host: variable(stack, v.hostVariable, 'API server URL, e.g. https://cluster.example.com:6443', false).stringValue,
      token: variable(stack, v.tokenVariable, 'bearer token for the API server', true).stringValue,
      clusterCaCertificate: variable(stack, v.caVariable, 'cluster CA certificate (PEM)', false).stringValue,
    };
  }
}

/** The provider fields a {@link KubeconfigSource} fills (the same for the Kubernetes and the Helm provider). */
export interface ClusterConnection {
  /**
   * The kubeconfig path.
   * @default - none (host, token and CA are used)
   */
  readonly configPath?: string;
  /**
   * The kubeconfig context.
   * @default - the kubeconfig's current context
   */
  readonly configContext?: string;
  /**
   * The API server URL (a variable reference).
   * @default - none (the kubeconfig is used)
   */
  readonly host?: string;
  /**
   * The bearer token (a sensitive variable reference).
   * @default - none (the kubeconfig is used)
   */
  readonly token?: string;
  /**
   * The cluster CA certificate, PEM (a variable reference).
   * @default - none (the kubeconfig is used)
   */
  readonly clusterCaCertificate?: string;
}

const VARIABLES = new WeakMap<TerraformStack, Map<string, TerraformVariable>>();

/** The variable `name` of `stack`, declared on first use (so two sources may share one). @internal */
function variable(stack: TerraformStack, name: string, description: string, sensitive: boolean): TerraformVariable {
  let vars = VARIABLES.get(stack);
  if (!vars) {
    vars = new Map();
    VARIABLES.set(stack, vars);
  }
  let v = vars.get(name);
  if (!v) {
    v = new TerraformVariable(stack, `Variable-${name}`, { type: 'string', description, sensitive: sensitive || undefined, nullable: false });
    v.overrideLogicalId(name);
    vars.set(name, v);
  } else if (sensitive && !v.sensitive) {
    fail(`stack "${stack.node.id}"`, `Terraform variable "${name}" is used both as a token (sensitive) and as a host or CA; give the token its own variable`);
  }
  return v;
}
