// The compare command's HTML report: one self-contained file (no network, no script, no CDN) with
// the colour matrix, the per-rule counts and the release shifts as SVG charts drawn here, the
// checkpoint consequences, the two policies' differences and the opt-in sample. The page is also
// well-formed XML (XHTML), so that any XML parser can check it and the inline SVG is read as such.

// Characters XML forbids (controls, lone surrogates) become U+FFFD; markup characters are escaped.
const esc = (value) =>
  String(value)
    // eslint-disable-next-line no-control-regex -- the control characters are what is replaced
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]);
const show = (cell) => (cell === 'suppressed' ? '<span class="s" title="fewer than the minimum cell size">suppressed</span>' : esc(cell));
const num = (cell) => (typeof cell === 'number' ? cell : 0);
const COLOURS = ['red', 'yellow', 'green'];
const FILL = { red: '#c62828', yellow: '#f9a825', green: '#2e7d32', baseline: '#455a64', reform: '#1e88e5' };

/** The leaves where two policies differ: [path, baseline value, reform value]. */
export function policyDiff(a, b, path = []) {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const objects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b);
  if (!objects) return [[path.join('.') || '(policy)', a, b]];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((k) => policyDiff(a[k], b[k], [...path, k]));
}

/** A bar chart as SVG: bars of [label, baseline, reform] pairs, or of [label, count] with one series. */
function bars(title, rows, series) {
  const W = 640;
  const rowH = 22;
  const left = 150;
  const max = Math.max(1, ...rows.flatMap(([, ...v]) => v.map(num)));
  const H = 30 + rows.length * rowH * series.length + 10;
  let y = 26;
  const parts = [];
  for (const [label, ...values] of rows) {
    parts.push(`<text x="${left - 8}" y="${y + 14}" text-anchor="end">${esc(label)}</text>`);
    values.forEach((v, i) => {
      const w = Math.round(((W - left - 80) * num(v)) / max);
      parts.push(`<rect x="${left}" y="${y + 2}" width="${w}" height="${rowH - 6}" fill="${FILL[series[i]] ?? '#555'}"><title>${esc(`${label} (${series[i]}): ${v}`)}</title></rect>`);
      parts.push(`<text x="${left + w + 6}" y="${y + 14}">${esc(v)}</text>`);
      y += rowH;
    });
  }
  const legend =
    series.length < 2 ? '' : series.map((s, i) => `<rect x="${W - 170 + i * 85}" y="4" width="12" height="12" fill="${FILL[s]}"/><text x="${W - 154 + i * 85}" y="14">${esc(s)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12"><title>${esc(title)}</title><text x="0" y="14" font-weight="bold">${esc(title)}</text>${legend}${parts.join('')}</svg>`;
}

/** The whole report page. */
export function reportHtml(report, baselinePolicy, reformPolicy) {
  const matrix = `<table><caption>Colour at ${esc(report.now)}: baseline (rows) × reform (columns)</caption>
<tr><th></th>${COLOURS.map((c) => `<th>${c}</th>`).join('')}</tr>
${COLOURS.map((b) => `<tr><th>${b}</th>${COLOURS.map((r) => `<td class="${b === r ? 'same' : 'moved'}">${show(report.matrix[b][r])}</td>`).join('')}</tr>`).join('\n')}
</table>`;
  const rules = bars('People holding each rule', Object.entries(report.rules).map(([rule, v]) => [rule, v.baseline, v.reform]), ['baseline', 'reform']);
  const shifts = Object.entries(report.releaseShift.days);
  const shiftChart = shifts.length === 0 ? '<p>No one is red or yellow with a release date under both policies.</p>' : bars('Release shift, in days (reform − baseline)', shifts.map(([d, c]) => [`${Number(d) > 0 ? '+' : ''}${d} d`, c]), ['reform']);
  const checkpoints = `<table><caption>Admitted with a normal temperature (C1–C5)</caption>
<tr><th>checkpoint</th><th>under both</th><th>only the baseline</th><th>only the reform</th><th>neither</th></tr>
${Object.entries(report.checkpoints).map(([e, c]) => `<tr><th>${esc(e)}</th><td>${show(c.both)}</td><td>${show(c.baselineOnly)}</td><td>${show(c.reformOnly)}</td><td>${show(c.neither)}</td></tr>`).join('\n')}
</table>`;
  const obligations = `<table><caption>Obligations</caption><tr><th>obligation</th><th>baseline</th><th>reform</th></tr>
${Object.entries(report.obligations).map(([o, v]) => `<tr><th>${esc(o)}</th><td>${show(v.baseline)}</td><td>${show(v.reform)}</td></tr>`).join('\n')}
</table>`;
  const diff = policyDiff(baselinePolicy, reformPolicy);
  const diffTable = `<table><caption>What the reform changes in the policy</caption><tr><th>field</th><th>baseline</th><th>reform</th></tr>
${diff.map(([p, a, b]) => `<tr><th><code>${esc(p)}</code></th><td><code>${esc(JSON.stringify(a))}</code></td><td><code>${esc(JSON.stringify(b))}</code></td></tr>`).join('\n')}
</table>`;
  const sample =
    report.sample.length === 0
      ? '<p>No sample (it is opt-in: <code>--sample N</code>).</p>'
      : `<table><caption>Sample of changed cases</caption><tr><th>#</th><th>subject</th><th>baseline</th><th>reform</th></tr>
${report.sample
  .map((s) => {
    const sideHtml = (side) => `<b>${esc(side.colour)}</b>${side.releaseAt ? ` until ${esc(side.releaseAt)}` : ''}<ul>${side.reasons.map((r) => `<li>${esc(r.rule)}: ${esc(r.message)}</li>`).join('')}</ul>`;
    return `<tr><td>${s.index}</td><td>${esc(s.subjectId)}</td><td class="case">${sideHtml(s.baseline)}</td><td class="case">${sideHtml(s.reform)}</td></tr>`;
  })
  .join('\n')}</table>`;
  return `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/>
<title>Policy impact: ${esc(report.reform.id)} against ${esc(report.baseline.id)}</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.3rem .6rem;text-align:right}caption{font-weight:bold;text-align:left;padding:.3rem 0}td.moved{background:#fff3e0}.s{color:#777;font-style:italic}td ul{text-align:left;margin:.2rem 0;padding-left:1.2rem}td.case{text-align:left;vertical-align:top}</style>
</head><body>
<h1>Policy impact report</h1>
<p>Baseline <b>${esc(report.baseline.id)} ${esc(report.baseline.version)}</b> (<code>${esc(report.baseline.hash)}</code>) against reform <b>${esc(report.reform.id)} ${esc(report.reform.version)}</b> (<code>${esc(report.reform.hash)}</code>), evaluated at ${esc(report.now)}.</p>
<p>People: <b>${show(report.total)}</b>; changed: <b>${show(report.changed)}</b>; not valid input: ${show(report.invalid)}. Counts below ${esc(report.minCell)} are suppressed.</p>
<p>Codes issued: baseline ${show(report.issued.baseline)}, reform ${show(report.issued.reform)} (gained ${show(report.issued.gained)}, lost ${show(report.issued.lost)}). Red or yellow under both without a release date under one of them: ${show(report.releaseShift.awaiting)}.</p>
${matrix}
${rules}
${shiftChart}
${checkpoints}
${obligations}
${diffTable}
${sample}
</body></html>
`;
}
