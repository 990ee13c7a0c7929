import { escapeTemplate, escapeTemplatesDeep, helmValues, isAbsolutePath } from '../../lib/terraform/_util';

describe('terraform utilities', () => {
  test('escapeTemplate turns ${ and %{ into their literal escapes', () => {
    expect(escapeTemplate('a ${b} %{ if c }d%{ endif } $e %f')).toBe('a $${b} %%{ if c }d%%{ endif } $e %f');
    expect(escapeTemplatesDeep({ '${k}': ['${v}', 1, true, null] })).toEqual({ '$${k}': ['$${v}', 1, true, null] });
  });

  test('helmValues: sorted YAML with template sequences escaped', () => {
    expect(helmValues({ z: 1, a: { y: '${x}', b: [] } })).toBe('a:\n  b: []\n  y: $${x}\nz: 1\n');
  });

  test('isAbsolutePath knows POSIX, UNC and drive paths', () => {
    expect(['/etc/x', '\\\\srv\\x', 'C:\\x', 'c:/x'].map(isAbsolutePath)).toEqual([true, true, true, true]);
    expect(['~/.kube/config', '../state', 'kubeconfig'].map(isAbsolutePath)).toEqual([false, false, false]);
  });
});
