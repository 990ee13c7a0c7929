// Small helpers shared by the text renderers.

/** Escapes `|` for a Markdown table cell. */
export const esc = (s: string) => s.replace(/\|/g, '\\|');
/** A short list for humans: up to `max` items, then a count. */
export const list = (xs: readonly string[], max = 8) => (xs.length === 0 ? '—' : xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} … (+${xs.length - max})`);
