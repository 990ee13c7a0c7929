import 'cdktf/lib/testing/adapters/jest';
import { PgBackend, TerraformStack } from 'cdktf';
import { Backend } from '../../lib/terraform';
import { newApp } from './support';

function backendOf(backend: Backend, stackId = 'spoke-a'): any {
  const app = newApp();
  const stack = new TerraformStack(app, stackId);
  backend._bind(stack);
  return stack.toTerraform().terraform.backend;
}

describe('Backend', () => {
  test('local: one relative state file per stack', () => {
    expect(backendOf(Backend.local({ directory: '../../../state/' }))).toEqual({ local: { path: '../../../state/spoke-a.tfstate' } });
  });

  test('fails with an absolute local directory', () => {
    expect(() => Backend.local({ directory: '/var/lib/terraform' })).toThrow(/Backend.local: directory "\/var\/lib\/terraform" is an absolute path/);
    expect(() => Backend.local({ directory: 'C:\\state' })).toThrow(/is an absolute path/);
  });

  test('s3: a key per stack under the prefix', () => {
    expect(backendOf(Backend.s3({ bucket: 'fleet-state', region: 'eu-west-1', keyPrefix: '/fleet/' }))).toEqual({
      s3: { bucket: 'fleet-state', region: 'eu-west-1', key: 'fleet/spoke-a.tfstate' },
    });
  });

  test('an empty prefix puts the state at the top of the bucket, not under "/"', () => {
    expect(backendOf(Backend.s3({ bucket: 'fleet-state', keyPrefix: '' })).s3.key).toBe('spoke-a.tfstate');
    expect(backendOf(Backend.s3({ bucket: 'fleet-state', keyPrefix: '/' })).s3.key).toBe('spoke-a.tfstate');
    expect(backendOf(Backend.gcs({ bucket: 'fleet-state', prefix: '' })).gcs.prefix).toBe('spoke-a');
    expect(backendOf(Backend.azurerm({ storageAccountName: 'acct', containerName: 'tfstate', keyPrefix: '' })).azurerm.key).toBe('spoke-a.tfstate');
  });

  test('fails with a prefix that is not a string', () => {
    expect(() => Backend.s3({ bucket: 'b', keyPrefix: 7 as any })).toThrow(/Backend.s3: keyPrefix must be a string such as "cdk-fleet" \(or "" for none\), got number/);
  });

  test('gcs: a prefix per stack', () => {
    expect(backendOf(Backend.gcs({ bucket: 'fleet-state' }))).toEqual({ gcs: { bucket: 'fleet-state', prefix: 'cdk-fleet/spoke-a' } });
  });

  test('azurerm: a key per stack', () => {
    expect(backendOf(Backend.azurerm({ storageAccountName: 'acct', containerName: 'tfstate' })).azurerm).toMatchObject({ key: 'cdk-fleet/spoke-a.tfstate' });
  });

  test('remote: a workspace per stack, no token', () => {
    const b = backendOf(Backend.remote({ organization: 'acme' }), 'hub');
    expect(b).toEqual({ remote: { organization: 'acme', workspaces: { name: 'cdk-fleet-hub' } } });
  });

  test('custom: any backend', () => {
    expect(backendOf(Backend.custom('pg', (s) => new PgBackend(s, { connStr: 'postgres://db.example.com/state' })))).toEqual({ pg: { conn_str: 'postgres://db.example.com/state' } });
  });

  test('fails with inline credentials', () => {
    expect(() => Backend.s3({ bucket: 'b', secretKey: 'x' } as any)).toThrow(/Backend.s3: secretKey is a credential and would be written in plain text/);
    expect(() => Backend.gcs({ bucket: 'b', credentials: '{}' } as any)).toThrow(/credentials is a credential/);
    expect(() => Backend.azurerm({ storageAccountName: 'a', containerName: 'c', clientSecret: 'x' } as any)).toThrow(/clientSecret is a credential/);
  });

  test('fails with absolute credential file paths', () => {
    expect(() => Backend.s3({ bucket: 'b', sharedCredentialsFiles: ['/home/me/.aws/credentials'] })).toThrow(/sharedCredentialsFiles "\/home\/me\/.aws\/credentials" is an absolute, machine-specific path/);
  });

  test('fails without required settings', () => {
    expect(() => Backend.s3({} as any)).toThrow(/Backend.s3: needs bucket/);
  });
});
