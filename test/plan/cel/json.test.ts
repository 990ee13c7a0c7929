// OCM's JSON library: open-cluster-management-io/sdk-go pkg/cel/library/json_test.go (TestJsonLib)
// and pkg/cel/library/cost_test.go (TestLibraryCost, the parseJSON cases).
import { run, value } from './harness';

describe('sdk-go pkg/cel/library/json_test.go TestJsonLib', () => {
  test.each([
    ['parse simple object', `'{"key": "value"}'.parseJSON().key == "value"`],
    ['parse nested object', `'{"nested": {"key": "value"}}'.parseJSON().nested.key == "value"`],
    ['parse array', `'[1, 2, 3]'.parseJSON()[0] == 1 && '[1, 2, 3]'.parseJSON()[1] == 2`],
    ['parse array of objects', `'[{"id": 1}, {"id": 2}]'.parseJSON()[0].id == 1 && '[{"id": 1}, {"id": 2}]'.parseJSON()[1].id == 2`],
  ])('%s: %s', (_name, expr) => {
    expect(value(expr)).toBe(true);
  });

  test('fails invalid json syntax: Go encoding/json message', () => {
    expect(run(`'{invalid json}'.parseJSON()`).error).toBe("failed to parse json: invalid character 'i' looking for beginning of object key string");
  });

  test('fails non-string argument: a compile error', () => {
    expect(run('123.parseJSON()').compileError).toMatch(/found no matching overload for 'parseJSON' applied/);
  });

  test('JSON numbers decode as doubles (Go interface{} float64)', () => {
    expect(value(`'{"n": 2}'.parseJSON().n`)).toBe(2);
    expect(value(`type('{"n": 2}'.parseJSON().n) == double`)).toBe(true);
  });
});

describe('sdk-go pkg/cel/library/cost_test.go TestLibraryCost (parseJSON)', () => {
  test.each([
    ['parse empty string', `''.parseJSON()`, 0],
    ['parse simple string', `'hello'.parseJSON()`, 1],
    ['parse simple object', `'{"key":"value"}'.parseJSON()`, 32],
    ['parse nested object', `'{"nested": {"key": "value"}}'.parseJSON()`, 63],
    ['parse array', `'[1,2,3]'.parseJSON()`, 11],
    ['parse array of objects', `'[{"id": 1}, {"id": 2}]'.parseJSON()`, 73],
  ])('%s: %s costs %d', (_name, expr, cost) => {
    expect(run(expr).cost).toBe(cost);
  });
});
