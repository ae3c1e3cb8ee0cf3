"""The inline stylesheet of the HTML report: screen and print, local fonts only."""

from __future__ import annotations

from compliance.reports.presentation import MESSAGES_COLOUR, OVERDUE_COLOUR, SEVERITY_COLOURS

_SEVERITY_VARIABLES = "\n".join(
    f"  --{severity.value}: {ink}; --{severity.value}-bg: {background};"
    for severity, (ink, background) in SEVERITY_COLOURS.items()
)

# Only fonts already on the reader's machine: a web font would be a network request.
STYLESHEET = (
    """
:root {
  --ink: #1f2328; --muted: #59636e; --rule: #d0d7de; --soft: #f6f8fa;
  --ok: #15803d; --ok-bg: #dcfce7;
"""
    + _SEVERITY_VARIABLES
    + f"""
  --messages: {MESSAGES_COLOUR}; --overdue: {OVERDUE_COLOUR};
}}"""
    + """
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue",
    Arial, sans-serif;
}
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h1 .as-of { font-weight: 400; color: var(--muted); }
h2 {
  font-size: 19px;
  margin: 30px 0 10px;
  padding-bottom: 4px;
  border-bottom: 2px solid var(--rule);
}
h3 { font-size: 15px; margin: 20px 0 8px; }
p { margin: 6px 0; }
a { color: inherit; }
code {
  font: 12.5px/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
.meta, .muted, figcaption, footer { color: var(--muted); }
.banner { padding: 10px 14px; border-radius: 6px; border-left: 5px solid; margin: 12px 0; }
.banner.danger { background: var(--critical-bg); border-color: var(--critical); }
.banner.warning { background: var(--medium-bg); border-color: var(--medium); }
.result { display: inline-block; font-weight: 600; padding: 6px 12px; border-radius: 6px; }
.result.fail { background: var(--critical-bg); color: var(--critical); }
.result.pass { background: var(--ok-bg); color: var(--ok); }
.cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 10px; margin: 14px 0; }
.card { border-radius: 8px; padding: 10px 14px; border-top: 5px solid; background: var(--soft); }
.card .count { display: block; font-size: 28px; font-weight: 700; line-height: 1.1; }
.card .label {
  text-transform: uppercase;
  letter-spacing: .04em;
  font-size: 12px;
  font-weight: 600;
}
.columns { display: grid; grid-template-columns: 1.5fr 1fr 1fr; gap: 18px; align-items: start; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
caption { text-align: left; font-weight: 600; padding: 0 0 4px; }
th, td {
  text-align: left;
  vertical-align: top;
  padding: 5px 8px;
  border-bottom: 1px solid var(--rule);
}
thead th { background: var(--soft); font-size: 12.5px; border-bottom: 2px solid var(--rule); }
table.facts th { width: 38%; font-weight: 600; background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.zero { color: #b0b7bf; }
td.path, td.where { overflow-wrap: break-word; }
.nowrap { white-space: nowrap; }
table.findings { table-layout: fixed; }
table.findings col.kind { width: 17%; } table.findings col.chat { width: 12%; }
table.findings col.where { width: 17%; } table.findings col.what { width: 28%; }
table.findings col.todo { width: 26%; }
table.findings td { overflow-wrap: break-word; hyphens: auto; }
td.todo .due { display: inline-block; margin-top: 3px; }
.status { font-size: 11px; font-weight: 700; text-transform: uppercase; color: var(--muted); }
.status.new { color: var(--critical); }
.verdict { font-size: 22px; font-weight: 700; margin: 8px 0; }
.verdict.sev-critical { color: var(--critical); } .verdict.sev-high { color: var(--high); }
.summary-columns { display: grid; grid-template-columns: 1.4fr 1fr; gap: 22px; align-items: start; }
ol.actions { padding-left: 22px; margin: 6px 0; }
ol.actions li { margin-bottom: 8px; }
ol.actions p { margin: 2px 0 0; hyphens: auto; }
.due { font-weight: 600; }
.baseline { margin: 8px 0; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 40px; margin-top: 56px; }
.signature .line { border-bottom: 1px solid var(--ink, #111); height: 36px; }
.signature p { font-size: 12px; color: var(--muted); margin-top: 4px; }
td.hash {
  font: 11px/1.3 ui-monospace, Menlo, Consolas, monospace;
  overflow-wrap: anywhere;
  max-width: 15em;
}
td.when { white-space: nowrap; }
td.overdue-count { color: var(--critical); font-weight: 600; }
.badge {
  display: inline-block;
  border-radius: 999px;
  padding: 0 8px;
  font-size: 12px;
  font-weight: 600;
}
.badge.ok { background: var(--ok-bg); color: var(--ok); }
.sev-critical { border-color: var(--critical); }
.sev-high { border-color: var(--high); }
.sev-medium { border-color: var(--medium); }
.sev-low { border-color: var(--low); }
.sev-info { border-color: var(--info); }
.card.sev-critical .count, .badge.sev-critical { color: var(--critical); }
.card.sev-high .count, .badge.sev-high { color: var(--high); }
.card.sev-medium .count, .badge.sev-medium { color: var(--medium); }
.card.sev-low .count, .badge.sev-low { color: var(--low); }
.card.sev-info .count, .badge.sev-info { color: var(--info); }
.badge.sev-critical { background: var(--critical-bg); }
.badge.sev-high { background: var(--high-bg); }
.badge.sev-medium { background: var(--medium-bg); }
.badge.sev-low { background: var(--low-bg); }
.badge.sev-info { background: var(--info-bg); }
table.findings tr > td:first-child { border-left: 4px solid; border-left-color: inherit; }
table.findings tr.sev-critical > td:first-child { border-left-color: var(--critical); }
table.findings tr.sev-high > td:first-child { border-left-color: var(--high); }
table.findings tr.sev-medium > td:first-child { border-left-color: var(--medium); }
table.findings tr.sev-low > td:first-child { border-left-color: var(--low); }
table.findings tr.sev-info > td:first-child { border-left-color: var(--info); }
.category { font-size: 11px; font-weight: 700; letter-spacing: .03em; color: var(--muted); }
.times { font-weight: 600; }
q.excerpt { display: block; margin-top: 3px; padding: 3px 8px; background: var(--soft);
  border-left: 3px solid var(--rule); font-style: italic; overflow-wrap: break-word; }
q.excerpt::before { content: "“"; } q.excerpt::after { content: "”"; }
.more { font-weight: 600; color: var(--muted); }
ul.warnings { margin: 4px 0 0; padding-left: 18px; color: var(--medium); }
figure.timeline { margin: 16px 0 0; }
figure.timeline svg { width: 100%; height: auto; max-height: 260px; display: block; }
svg .messages { fill: var(--messages); }
svg .overdue { fill: var(--overdue); }
svg .grid { stroke: var(--rule); stroke-width: 1; }
svg .tick { font-size: 11px; fill: var(--muted); }
footer {
  margin-top: 36px;
  padding-top: 10px;
  border-top: 1px solid var(--rule);
  font-size: 12.5px;
}
@media screen and (max-width: 760px) {
  main { padding: 16px; }
  .cards { grid-template-columns: repeat(2, 1fr); }
  .columns, .summary-columns { grid-template-columns: 1fr; }
}
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  body { font-size: 9pt; }
  h1 { font-size: 18pt; }
  h2 { font-size: 13pt; margin-top: 14pt; }
  .card .count { font-size: 18pt; }
  table.findings, table.findings code { font-size: 7.8pt; }
  th, td { padding: 3px 5px; }
  main { max-width: none; padding: 0; }
  .page { break-before: page; }
  section.severity + section.severity { break-before: auto; }
  h2, h3 { break-after: avoid; }
  tr, .card, figure, .banner { break-inside: avoid; }
  thead { display: table-header-group; }
  a { text-decoration: none; }
}
"""
)
