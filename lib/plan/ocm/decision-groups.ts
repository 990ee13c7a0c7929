// Decision groups: clustersPerDecisionGroup (part of the OCM placement simulator; see placement.ts).


export const GO_FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;

/** calculateLength: the group length, or a Misconfigured message. */
export function groupLength(value: number | string | undefined, total: number): number | string {
  let length = total;
  if (typeof value === 'number') {
    length = Math.trunc(value);
  } else if (typeof value === 'string') {
    if (!value.endsWith('%')) return `${value} invalid type: string is not a percentage`;
    const num = value.slice(0, -1);
    if (!GO_FLOAT.test(num)) return `${value} invalid type: string is not a percentage`;
    const f = Number(/^[+-]?inf/i.test(num) ? (num.startsWith('-') ? -Infinity : Infinity) : /nan/i.test(num) ? NaN : num);
    length = Math.ceil((f / 100) * total);
    if (!Number.isFinite(length)) length = 0;
  }
  if (length <= 0 || length > total) length = total;
  return length;
}
