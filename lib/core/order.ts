// Ordering that never depends on the machine's locale: strings compare by UTF-16 code units
// (what `<` does), never with a locale-aware comparison, so output is byte-identical under any LANG.

/**
 * Locale-independent orderings for sorting output deterministically.
 */
export class Order {
  /** Compares two strings by UTF-16 code units (`<`), the same on every machine and locale. */
  public static strings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /**
   * A comparator over `key(x)` strings, for `array.sort(Order.by((x) => x.name))`; ties keep
   * their order (Array.prototype.sort is stable).
   */
  public static by<T>(key: (x: T) => string): (a: T, b: T) => number {
    return (a, b) => Order.strings(key(a), key(b));
  }

  private constructor() {}
}
