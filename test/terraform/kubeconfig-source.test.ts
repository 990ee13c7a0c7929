import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, Testing } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { KubeconfigSource } from '../../lib/terraform';
import { newApp } from './support';

describe('KubeconfigSource', () => {
  test('file: config path and context, nothing else', () => {
    const stack = new TerraformStack(newApp(), 's');
    new KubernetesProvider(stack, 'k', { ...KubeconfigSource.file('~/.kube/config', 'hub')._connection(stack) });
    expect(Testing.synth(stack)).toHaveProviderWithProperties(KubernetesProvider, { config_path: '~/.kube/config', config_context: 'hub' });
  });

  test('hostAndToken: three variables, the token one sensitive, shared within a stack', () => {
    const stack = new TerraformStack(newApp(), 's');
    const source = KubeconfigSource.hostAndToken({ hostVariable: 'hub_host', tokenVariable: 'hub_token', caVariable: 'hub_ca' });
    const c = source._connection(stack);
    source._connection(stack);
    new KubernetesProvider(stack, 'k', { ...c });
    const out = JSON.parse(Testing.synth(stack));
    expect(out.provider.kubernetes[0]).toEqual({ host: '${var.hub_host}', token: '${var.hub_token}', cluster_ca_certificate: '${var.hub_ca}' });
    expect(Object.keys(out.variable).sort()).toEqual(['hub_ca', 'hub_host', 'hub_token']);
    expect(out.variable.hub_token.sensitive).toBe(true);
    expect(out.variable.hub_host.sensitive).toBeUndefined();
    expect(source.hasHostVariable).toBe(true);
    expect(source.description).toBe('variables hub_host, hub_token, hub_ca');
  });

  test('fails with an absolute kubeconfig path', () => {
    expect(() => KubeconfigSource.file('/home/alice/.kube/config', 'hub')).toThrow(/KubeconfigSource.file: kubeconfig path "\/home\/alice\/.kube\/config" is an absolute path; it is machine-specific/);
  });

  test('fails with variable names Terraform cannot use', () => {
    expect(() => KubeconfigSource.hostAndToken({ hostVariable: 'hub host', tokenVariable: 't', caVariable: 'c' })).toThrow(/hostVariable "hub host" is not a Terraform identifier/);
    expect(() => KubeconfigSource.hostAndToken({ hostVariable: 'x', tokenVariable: 'x', caVariable: 'c' })).toThrow(/must be three different variables/);
  });

  test('fails when one variable is a token in one source and a host in another', () => {
    const stack = new TerraformStack(newApp(), 's');
    KubeconfigSource.hostAndToken({ hostVariable: 'a', tokenVariable: 'b', caVariable: 'c' })._connection(stack);
    expect(() => KubeconfigSource.hostAndToken({ hostVariable: 'd', tokenVariable: 'a', caVariable: 'e' })._connection(stack))
      .toThrow(/Terraform variable "a" is used both as a token \(sensitive\) and as a host or CA/);
  });
});
