// Medians and spreads: a benchmark on a shared two-core machine reports the middle and the range of many
// runs, never one run.

/**
 * @param {readonly number[]} samples
 * @returns {{ runs: number, median: number, min: number, max: number }}
 */
export function summarize(samples) {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { runs: sorted.length, median, min: sorted[0], max: sorted.at(-1) };
}

/** A number with at most one decimal, or none for large ones. */
function short(value) {
  return Math.abs(value) >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

/**
 * One table row: `what`, the median, and min–max when the value varies.
 * @param {string} what
 * @param {{ runs: number, median: number, min: number, max: number } | number | string} value
 * @param {string} unit
 */
export function row(what, value, unit) {
  if (typeof value !== 'object')
    return { what, median: `${typeof value === 'number' ? short(value) : value}`, spread: '', unit, runs: '' };
  const spread = value.min === value.max ? '' : `${short(value.min)}–${short(value.max)}`;
  return { what, median: short(value.median), spread, unit, runs: String(value.runs) };
}

/** The rows as a plain-text table, and as Markdown for the README. */
export function formatTable(rows) {
  const header = { what: 'measure', median: 'median', spread: 'min–max', unit: 'unit', runs: 'runs' };
  const columns = /** @type {const} */ (['what', 'median', 'spread', 'unit', 'runs']);
  const widths = columns.map((column) => Math.max(...[header, ...rows].map((entry) => entry[column].length)));
  const line = (entry) =>
    columns
      .map((column, index) =>
        index === 0 ? entry[column].padEnd(widths[index]) : entry[column].padStart(widths[index]),
      )
      .join('  ');
  const text = [line(header), ...rows.map(line)].join('\n');
  const markdown = [
    `| ${columns.map((column) => header[column]).join(' | ')} |`,
    `| --- | ${columns
      .slice(1)
      .map(() => '---:')
      .join(' | ')} |`,
    ...rows.map((entry) => `| ${columns.map((column) => entry[column]).join(' | ')} |`),
  ].join('\n');
  return { text, markdown };
}
