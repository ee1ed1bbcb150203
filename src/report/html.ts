import type { Finding, Report } from '../engine/finding.js';
import { SEVERITIES, type Rule, type Severity } from '../engine/rule.js';
import { FRAMEWORKS } from '../foundation/frameworks.js';

// A single self-contained HTML page (no external assets) for people who would rather look than read:
// severity totals, framework coverage, and findings grouped by resource with a severity filter.

const COLORS: Readonly<Record<Severity, string>> = {
  critical: '#b00020', high: '#e65100', medium: '#f9a825', low: '#0277bd', info: '#757575',
};

export function formatHtml(report: Report, rules: readonly Rule[]): string {
  const s = report.summary;
  const remediation = new Map(rules.map((rule) => [rule.meta.id, rule.meta.remediation]));
  const groups = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const r = finding.resource;
    const key = `${r.kind} ${r.namespace === undefined ? '' : `${r.namespace}/`}${r.name}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [finding]);
    else list.push(finding);
  }
  const cards = SEVERITIES.map((severity) =>
    `<button class="card" data-severity="${severity}" style="border-color:${COLORS[severity]}"><b>${s.bySeverity[severity]}</b><span>${severity}</span></button>`).join('');
  const frameworkRows = FRAMEWORKS.map((framework) => {
    const f = s.frameworks[framework.id];
    return `<tr><td>${escape(framework.name)}</td><td>${f.controls}</td><td>${f.failing.length}</td><td>${f.passing.length}</td><td>${f.notAssessed.length}</td><td>${f.failing.map(escape).join(', ')}</td></tr>`;
  }).join('');
  // Worst first: the resource with the most severe unsuppressed finding leads the page.
  const worst = (findings: readonly Finding[]): number =>
    Math.min(...findings.map((finding) => (finding.suppressed ? SEVERITIES.length : SEVERITIES.indexOf(finding.severity))));
  const ordered = [...groups].sort(([titleA, a], [titleB, b]) => worst(a) - worst(b) || titleA.localeCompare(titleB));
  const sections = ordered.map(([title, findings]) => {
    const bySeverity = [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.location.line - b.location.line);
    const rows = bySeverity.map((finding) => `<tr class="finding${finding.suppressed ? ' suppressed' : ''}" data-severity="${finding.severity}">
<td><span class="sev" style="background:${COLORS[finding.severity]}">${finding.severity}</span></td>
<td><code>${escape(finding.ruleId)}</code></td>
<td>${escape(finding.message)}${finding.suppressed ? `<div class="note">suppressed: ${escape(finding.suppression?.reason ?? '')}</div>` : ''}
<details><summary>How to fix</summary>${escape(remediation.get(finding.ruleId) ?? '')}${finding.fix === undefined ? '' : `<div class="note">${finding.fix.kind === 'safe' ? 'kubeward fix applies' : 'kubeward fix --include-suggestions applies'}: ${escape(finding.fix.title)}</div>`}</details></td>
<td><code>${escape(finding.location.file)}:${finding.location.line}:${finding.location.column}</code><div class="note"><code>${escape(finding.path)}</code></div></td></tr>`).join('\n');
    return `<section><h2>${escape(title)}</h2><table><thead><tr><th>Severity</th><th>Rule</th><th>Finding</th><th>Where</th></tr></thead><tbody>${rows}</tbody></table></section>`;
  }).join('\n');
  const errors = report.errors.length === 0 ? '' : `<section><h2>Input errors</h2><ul>${report.errors.map((error) =>
    `<li><code>${escape(error.file)}${error.line > 0 ? `:${error.line}:${error.column}` : ''}</code> ${escape(error.message)}</li>`).join('')}</ul></section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kubeward report</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d1d1f;background:#fafafa}
h1{margin:0 0 .25rem}h2{font-size:1.05rem;margin:1.5rem 0 .5rem}
.meta{color:#666;margin-bottom:1rem}.cards{display:flex;gap:.75rem;flex-wrap:wrap;margin:1rem 0}
.card{border:0;border-left:6px solid;background:#fff;padding:.6rem 1rem;min-width:7rem;text-align:left;cursor:pointer;box-shadow:0 1px 2px #0002}
.card b{display:block;font-size:1.6rem}.card.off{opacity:.35}
table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px #0001}
th,td{padding:.45rem .6rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
.sev{color:#fff;border-radius:3px;padding:1px 6px;font-size:.8rem;text-transform:uppercase}
.note{color:#666;font-size:.85rem}.suppressed{opacity:.55}.hidden{display:none}
details summary{cursor:pointer;color:#0366d6;font-size:.85rem}
</style></head><body>
<h1>kubeward report</h1>
<div class="meta">kubeward ${escape(report.tool.version)} · ${s.objects} objects in ${s.files} files · ${s.findings} findings · ${s.suppressed} suppressed · ${s.fixable} fixable · ${s.errors} input errors</div>
<div class="cards">${cards}</div>
<h2>Frameworks</h2>
<table><thead><tr><th>Framework</th><th>Controls</th><th>With findings</th><th>Clean</th><th>Not assessed</th><th>Failing controls</th></tr></thead><tbody>${frameworkRows}</tbody></table>
${sections}
${errors}
<script>
for (const card of document.querySelectorAll('.card')) card.addEventListener('click', () => {
  card.classList.toggle('off');
  const off = new Set([...document.querySelectorAll('.card.off')].map((c) => c.dataset.severity));
  for (const row of document.querySelectorAll('tr.finding')) row.classList.toggle('hidden', off.has(row.dataset.severity));
});
</script>
</body></html>
`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
