"""Inline CSS and the one inline script of the HTML report.

The script is a constant (no data is ever interpolated into it) so its CSP hash is
fixed; it only toggles classes on <body> and opens <details>. Without it the page
shows everything and the filter bar stays hidden.
"""

from __future__ import annotations

import base64
import hashlib

CSS = """
:root{--err:#b3261e;--err-bg:#fde7e4;--warn:#8a5a00;--warn-bg:#fff1c2;--info:#1f5f99;--info-bg:#e3f0fb;
--line:#d0d4da;--muted:#5f6672;--bg:#fbfbfc}
*{box-sizing:border-box}
/* the sticky filter bar must not cover the finding a link scrolls to */
html{scroll-padding-top:4rem}
body{margin:0;padding:0 1.2rem 3rem;font:15px/1.7 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei",
"Noto Sans CJK SC","Source Han Sans SC",SimSun,sans-serif;color:#1d2127;background:var(--bg)}
main{max-width:64rem;margin:0 auto}
a{color:#0b57b0}
h1{font-size:1.45rem;margin:1.2rem 0 .4rem}
h2{font-size:1.2rem;margin:1.4rem 0 .4rem;word-break:break-all}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.2rem .5rem}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.4rem 0;font-size:.92rem}
.meta dt{color:var(--muted)}.meta dd{margin:0;word-break:break-all}
.count{display:inline-block;margin-right:.8rem;font-weight:600}
.sev-label{display:inline-block;min-width:2.6em;padding:0 .35em;border-radius:3px;font-size:.82rem;text-align:center}
.sev-label.sev-error{background:var(--err);color:#fff}.sev-label.sev-warning{background:#e0a100;color:#1d2127}
.sev-label.sev-info{background:var(--info);color:#fff}
.filters{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);padding:.4rem .6rem;
margin:0 -1.2rem;font-size:.9rem}
.filters fieldset{display:inline-block;border:0;margin:0 1.2rem 0 0;padding:0}
.filters legend{float:left;margin-right:.5rem;color:var(--muted)}
.filters label{margin-right:.7rem;white-space:nowrap}
.file-error{border-left:4px solid var(--err);background:var(--err-bg);padding:.5rem .8rem}
ol.findings-list,ul.general-list{padding-left:0;list-style:none}
.finding-item,.finding-general{padding:.25rem .4rem;border-bottom:1px solid #eceef1}
.finding-item:target,.finding-general:target{background:#fffbe0}
.finding-link{text-decoration:none;color:inherit}
.finding-link:hover .msg,.finding-link:focus .msg{text-decoration:underline}
.num{display:inline-block;min-width:2.2em;color:var(--muted);font-variant-numeric:tabular-nums}
code{font-family:ui-monospace,"SFMono-Regular",Consolas,monospace;font-size:.88em}
.place{color:var(--muted);font-size:.88rem}
.rule-link{font-size:.82rem;margin-left:.4rem}
.doc{background:#fff;border:1px solid var(--line);padding:1rem 1.4rem;border-radius:4px}
.doc p{margin:.35rem 0;white-space:normal;word-break:break-word}
.dh{margin:.9rem 0 .3rem;line-height:1.5}.dh0{font-size:1.25rem;text-align:center}.dh1{font-size:1.08rem}
.dh2{font-size:1rem}.dh3{font-size:.97rem}
mark.finding{padding:0 .1em;border-radius:2px;border-bottom:2px solid}
mark.finding.sev-error{background:var(--err-bg);border-color:var(--err)}
mark.finding.sev-warning{background:var(--warn-bg);border-color:#e0a100}
mark.finding.sev-info{background:var(--info-bg);border-color:var(--info)}
mark.finding:target,.flag:target{outline:3px solid #0b57b0;outline-offset:1px}
.flag{display:inline-block;min-width:1.5em;margin:0 .15em;padding:0 .3em;border-radius:8px;font-size:.75rem;
line-height:1.4;text-align:center;text-decoration:none;vertical-align:super;color:#fff}
.flag.sev-error{background:var(--err)}.flag.sev-warning{background:#e0a100;color:#1d2127}.flag.sev-info{background:var(--info)}
sup.ref{font-size:.72rem;margin-left:.1em}sup.ref a{text-decoration:none}
.flagged-para{border-left:3px solid var(--line);padding-left:.4rem}
.flagged-para.sev-error{border-left-color:var(--err)}.flagged-para.sev-warning{border-left-color:#e0a100}
.flagged-para.sev-info{border-left-color:var(--info)}
.table-wrap{overflow-x:auto;margin:.6rem 0}
table.doc-table{border-collapse:collapse;font-size:.88rem;min-width:50%}
.doc-table caption{text-align:left;color:var(--muted);font-size:.82rem;caption-side:top}
.doc-table td{border:1px solid #9aa1ab;padding:.2rem .4rem;vertical-align:top}
.doc-table td.void{background:#f3f4f6}
.doc-table td.flagged{outline:3px solid var(--info);outline-offset:-3px}
.doc-table td.flagged.sev-warning{outline-color:#e0a100}.doc-table td.flagged.sev-error{outline-color:var(--err)}
.doc-table tr.flagged-row>td:first-child{box-shadow:inset 4px 0 0 var(--err)}
.doc-table .doc-table{margin:.2rem 0}
.notes{margin:.3rem 0 .9rem;padding:.35rem .7rem;background:#f6f7f9;border:1px solid var(--line);border-radius:4px;
font-size:.88rem}
.notes ol{margin:0;padding-left:0;list-style:none}
.note{margin:.15rem 0}
.note .numbers,.note .fix,.note .excerpt{color:#3b414a;margin-left:2.4em}
.rule-doc{margin:.3rem 0;background:#fff;border:1px solid var(--line);border-radius:4px;padding:.3rem .7rem}
.rule-doc summary{cursor:pointer}
.rule-doc pre{white-space:pre-wrap;background:#f6f7f9;padding:.4rem;border-radius:3px}
table.index{border-collapse:collapse;width:100%;font-size:.92rem}
table.index th,table.index td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left}
table.index td.n{text-align:right;font-variant-numeric:tabular-nums}
footer{margin-top:2rem;color:var(--muted);font-size:.82rem}
@media print{
body{background:#fff;padding:0;font-size:11pt}
.filters,.skip,.rule-link{display:none!important}
.doc{border:0;padding:0}
table.doc-table,.notes,.finding-item{break-inside:avoid;page-break-inside:avoid}
tr{break-inside:avoid;page-break-inside:avoid}
a{color:inherit;text-decoration:none}
details.rule-doc>*{display:block}
}
"""

SCRIPT = """(function () {
  "use strict";
  var body = document.body;
  var bar = document.getElementById("filters");
  if (bar) { bar.hidden = false; }
  var boxes = document.querySelectorAll("input[data-filter]");
  function apply() {
    for (var i = 0; i < boxes.length; i++) {
      body.classList.toggle("hide-" + boxes[i].getAttribute("data-filter"), !boxes[i].checked);
    }
  }
  for (var i = 0; i < boxes.length; i++) { boxes[i].addEventListener("change", apply); }
  apply();
  document.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest("a.rule-link") : null;
    if (!a) { return; }
    var d = document.getElementById((a.getAttribute("href") || "").slice(1));
    if (d && d.tagName === "DETAILS") { d.open = true; }
  });
  window.addEventListener("beforeprint", function () {
    var ds = document.querySelectorAll("details");
    for (var i = 0; i < ds.length; i++) { ds[i].open = true; }
  });
})();"""

SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")


def csp(script_hash: str | None = SCRIPT_HASH) -> str:
    script_src = f"'{script_hash}'" if script_hash else "'none'"
    return f"default-src 'none'; style-src 'unsafe-inline'; script-src {script_src}; img-src data:; base-uri 'none'; form-action 'none'"


def filter_css(severities: tuple[str, ...], families: tuple[str, ...]) -> str:
    """Rules that hide filtered findings; screen only, so print always shows everything."""
    rules = []
    for cls in [f"sev-{s}" for s in severities] + [f"fam-{f}" for f in families]:
        h = f".hide-{cls}"
        rules.append(
            f"{h} .finding-item.{cls},{h} .finding-general.{cls},{h} .note.{cls},{h} .flag.{cls},{h} sup.ref.{cls}{{display:none}}"
        )
        rules.append(f"{h} mark.finding.{cls}{{background:none;border-bottom-color:transparent}}")
    return "@media screen{\n" + "\n".join(rules) + "\n}\n"
