import { Duration, PercentOrAbsolute } from '../../lib/core';

describe('PercentOrAbsolute', () => {
  test('renders and resolves like OCM (percent rounds up)', () => {
    expect(PercentOrAbsolute.percent(25).toJson()).toBe('25%');
    expect(PercentOrAbsolute.count(3).toJson()).toBe(3);
    expect(PercentOrAbsolute.percent(30).resolve(2)).toBe(1);
    expect(PercentOrAbsolute.percent(25).resolve(5)).toBe(2);
    expect(PercentOrAbsolute.parse('10%').isPercent).toBe(true);
    expect(PercentOrAbsolute.parse('4').resolve(100)).toBe(4);
  });
  test('fails for out-of-range values', () => {
    expect(() => PercentOrAbsolute.percent(0)).toThrow(/1 to 100/);
    expect(() => PercentOrAbsolute.percent(101)).toThrow(/1 to 100/);
    expect(() => PercentOrAbsolute.count(-1)).toThrow(/non-negative/);
    expect(() => PercentOrAbsolute.parse('ten')).toThrow(/neither a count nor a percentage/);
  });
});

describe('Duration', () => {
  test('OCM duration strings', () => {
    expect(Duration.minutes(5).toString()).toBe('5m');
    expect(Duration.parse('2h').toSeconds()).toBe(7200);
  });
  test('fails for forms OCM rejects', () => {
    expect(() => Duration.parse('1h30m')).toThrow(/whole number followed by h, m or s/);
    expect(() => Duration.seconds(1.5)).toThrow(/whole number/);
  });
});
