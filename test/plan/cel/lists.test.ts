// Kubernetes list functions: k8s.io/apiextensions-apiserver v0.35.4
// pkg/apiserver/schema/cel/validation_test.go TestValidationExpressions, case "stdlib list
// functions". Its `self` fields are typed by a structural schema (durations and dates are
// formats); here each `self.<field>` is written as a literal list of the schema's element type
// (empty lists as a filtered literal, so that they keep their element type).
import { run, value } from './harness';

const SELF: Record<string, string> = {
  ints: '[1, 2, 2, 3]',
  unsortedInts: '[2, 1]',
  emptyInts: '[0].filter(x, false)',
  doubles: '[1.0, 2.0, 2.0, 3.0]',
  unsortedDoubles: '[2.0, 1.0]',
  emptyDoubles: '[0.0].filter(x, false)',
  intBackedDoubles: '[1.0, 2.0, 2.0, 3.0]',
  unsortedIntBackedDDoubles: '[2.0, 1.0]',
  emptyIntBackedDDoubles: '[0.0].filter(x, false)',
  durations: "[duration('1s'), duration('1m'), duration('1m'), duration('1h')]",
  unsortedDurations: "[duration('1m'), duration('1s')]",
  emptyDurations: "[duration('0s')].filter(x, false)",
  strings: "['a', 'b', 'b', 'c']",
  unsortedStrings: "['b', 'a']",
  emptyStrings: "[''].filter(x, false)",
  dates: "[timestamp('2000-01-01T00:00:00Z'), timestamp('2000-02-01T00:00:00Z'), timestamp('2000-02-01T00:00:00Z'), timestamp('2010-01-01T00:00:00Z')]",
  unsortedDates: "[timestamp('2000-02-01T00:00:00Z'), timestamp('2000-01-01T00:00:00Z')]",
  emptyDates: "[timestamp('2000-01-01T00:00:00Z')].filter(x, false)",
  objs: "[{'f1': 'a', 'f2': 'a'}, {'f1': 'a', 'f2': 'b'}, {'f1': 'a', 'f2': 'b'}, {'f1': 'a', 'f2': 'c'}]",
};

function bind(expr: string): string {
  return expr.replace(/self\.(\w+)/g, (_m, f: string) => SELF[f]);
}

describe('apiextensions-apiserver schema/cel/validation_test.go TestValidationExpressions "stdlib list functions"', () => {
  const valid = [
    'self.ints.sum() == 8', 'self.ints.min() == 1', 'self.ints.max() == 3', 'self.emptyInts.sum() == 0', 'self.ints.isSorted()',
    'self.emptyInts.isSorted()', 'self.unsortedInts.isSorted() == false', 'self.ints.indexOf(2) == 1', 'self.ints.lastIndexOf(2) == 2',
    'self.ints.indexOf(10) == -1', 'self.ints.lastIndexOf(10) == -1',
    'self.doubles.sum() == 8.0', 'self.doubles.min() == 1.0', 'self.doubles.max() == 3.0', 'self.emptyDoubles.sum() == 0.0', 'self.doubles.isSorted()',
    'self.emptyDoubles.isSorted()', 'self.unsortedDoubles.isSorted() == false', 'self.doubles.indexOf(2.0) == 1', 'self.doubles.lastIndexOf(2.0) == 2',
    'self.doubles.indexOf(10.0) == -1', 'self.doubles.lastIndexOf(10.0) == -1',
    'self.intBackedDoubles.sum() == 8.0', 'self.intBackedDoubles.min() == 1.0', 'self.intBackedDoubles.max() == 3.0', 'self.emptyIntBackedDDoubles.sum() == 0.0',
    'self.intBackedDoubles.isSorted()', 'self.unsortedIntBackedDDoubles.isSorted() == false', 'self.intBackedDoubles.indexOf(2.0) == 1',
    'self.intBackedDoubles.lastIndexOf(2.0) == 2', 'self.intBackedDoubles.indexOf(10.0) == -1', 'self.intBackedDoubles.lastIndexOf(10.0) == -1',
    "self.durations.sum() == duration('1h2m1s')", "self.durations.min() == duration('1s')", "self.durations.max() == duration('1h')",
    "self.emptyDurations.sum() == duration('0')", 'self.durations.isSorted()', 'self.emptyDurations.isSorted()', 'self.unsortedDurations.isSorted() == false',
    "self.durations.indexOf(duration('1m')) == 1", "self.durations.lastIndexOf(duration('1m')) == 2", "self.durations.indexOf(duration('2m')) == -1",
    "self.durations.lastIndexOf(duration('2m')) == -1",
    "self.strings.min() == 'a'", "self.strings.max() == 'c'", 'self.strings.isSorted()', 'self.emptyStrings.isSorted()', 'self.unsortedStrings.isSorted() == false',
    "self.strings.indexOf('b') == 1", "self.strings.lastIndexOf('b') == 2", "self.strings.indexOf('x') == -1", "self.strings.lastIndexOf('x') == -1",
    "self.dates.min() == timestamp('2000-01-01T00:00:00.000Z')", "self.dates.max() == timestamp('2010-01-01T00:00:00.000Z')", 'self.dates.isSorted()',
    'self.emptyDates.isSorted()', 'self.unsortedDates.isSorted() == false', "self.dates.indexOf(timestamp('2000-02-01T00:00:00.000Z')) == 1",
    "self.dates.lastIndexOf(timestamp('2000-02-01T00:00:00.000Z')) == 2", "self.dates.indexOf(timestamp('2005-02-01T00:00:00.000Z')) == -1",
    "self.dates.lastIndexOf(timestamp('2005-02-01T00:00:00.000Z')) == -1",
    '[[1], [2]].indexOf([1]) == 0', "[{'a': 1}, {'b': 2}].lastIndexOf({'b': 2}) == 1", 'self.objs.indexOf(self.objs[1]) == 1', 'self.objs.lastIndexOf(self.objs[1]) == 2',
    '([0] + self.emptyInts).min() == 0',
    'dyn([]).sum() == 0', 'dyn([1, 2]).sum() == 3', 'dyn([1.0, 2.0]).sum() == 3.0', '[].sum() == 0',
  ];
  test.each(valid)('%s', (expr) => {
    expect(value(bind(expr))).toBe(true);
  });

  test.each([
    ['self.emptyInts.min() == 1', 'min called on empty list'],
    ['self.emptyInts.max() == 3', 'max called on empty list'],
    ['self.emptyDoubles.min() == 1.0', 'min called on empty list'],
    ['self.emptyDoubles.max() == 3.0', 'max called on empty list'],
    ["self.emptyStrings.min() == 'a'", 'min called on empty list'],
    ["self.emptyStrings.max() == 'c'", 'max called on empty list'],
  ])('fails %s: %s', (expr, message) => {
    expect(run(bind(expr)).error).toBe(message);
  });

  test.each([
    ["['a', 'b'].sum() == 'c'", "found no matching overload for 'sum' applied to 'list(string).()'"],
    ['[[1], [2]].min() == [1]', "found no matching overload for 'min' applied to 'list(list(int)).()'"],
    ["[{'a': 1}, {'b': 2}].max() == {'b': 2}", "found no matching overload for 'max' applied to 'list(map(string, int)).()'"],
  ])('fails %s: a compile error', (expr, message) => {
    expect(run(expr).compileError).toContain(message);
  });
});

describe('kubernetes/apiserver pkg/cel/library/lists.go runtime dispatch on dynamic lists', () => {
  test('the element type of a dyn list picks the overload (first element), as cel-go dispatches', () => {
    expect(value('managedCluster.cpus.sum()', { managedCluster: { cpus: [1.5, 2.5] } })).toBe(4);
    expect(value('managedCluster.zones.max()', { managedCluster: { zones: ['a', 'c', 'b'] } })).toBe('c');
  });

  test('fails sum over mixed numbers: int + double has no overload', () => {
    expect(run('managedCluster.n.sum()', { managedCluster: { n: [1, 2.5] } }).error).toBe('no such overload');
  });
});
