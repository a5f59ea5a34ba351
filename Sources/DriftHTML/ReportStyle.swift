/// The page's inline style sheet and its one optional script.
enum ReportStyle {
    /// Okabe–Ito colours (safe for the common colour-vision deficiencies): reference blue,
    /// production vermillion (orange in dark mode), the KS bar reddish purple; light, dark
    /// (`prefers-color-scheme`) and print. Written without `<`, `&` and `>` so it is valid XML text.
    static let css = """
        :root{--bg:#ffffff;--fg:#1b1b1b;--muted:#5b6067;--grid:#e4e6e8;--card:#f5f6f8;--ref:#0072B2;--prod:#D55E00;--ks:#CC79A7;--alarm:#C24100;--ok:#007A5A}
        @media (prefers-color-scheme: dark){:root{--bg:#121417;--fg:#e9eaec;--muted:#a5abb2;--grid:#2f3338;--card:#1c1f24;--ref:#56B4E9;--prod:#E69F00;--ks:#CC79A7;--alarm:#F0A040;--ok:#3FC59A}}
        @media print{:root{--bg:#ffffff;--fg:#000000;--muted:#333333;--grid:#d0d0d0;--card:#ffffff;--ref:#0072B2;--prod:#D55E00;--ks:#CC79A7;--alarm:#A33600;--ok:#006B4F}
          body{font-size:10pt;padding:0}section.feature,figure{break-inside:avoid}script{display:none}}
        html{background:var(--bg);color:var(--fg)}
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;max-width:1180px;margin:0 auto;padding:24px}
        h1{font-size:1.6em;margin:0 0 .4em}h2{font-size:1.2em;margin:1.4em 0 .5em}h3{font-size:1.05em;margin:1.2em 0 .2em}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em;margin:0 0 .8em}
        dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;font-variant-numeric:tabular-nums}
        .headline{font-size:1.15em;font-weight:600}.alarm{color:var(--alarm);font-weight:600}.ok{color:var(--fg)}
        ul.status{list-style:none;padding:0;margin:0;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em;white-space:pre-wrap}
        ul.status li::before{content:"\\2022  ";color:var(--muted)}ul.status li.alarm::before{content:"\\25B2  ";color:var(--alarm)}
        .scroll{overflow-x:auto}
        table.features{border-collapse:collapse;font-size:.88em;font-variant-numeric:tabular-nums;width:100%}
        table.features th,table.features td{padding:.3em .5em;border-bottom:1px solid var(--grid);text-align:left;white-space:nowrap}
        table.features th{white-space:normal;vertical-align:bottom;min-width:3.5em}
        table.features td.number{text-align:right}
        table.features th{position:sticky;top:0;background:var(--card);cursor:pointer}
        table.features th[aria-sort=ascending]::after{content:" \\25B2"}table.features th[aria-sort=descending]::after{content:" \\25BC"}
        table.features tr.drifted td{background:color-mix(in srgb,var(--prod) 12%,transparent)}
        table.features tr.drifted td:first-child{border-left:4px solid var(--alarm);font-weight:600}
        a{color:var(--ref)}
        section.feature{border-top:1px solid var(--grid);padding-top:.2em}
        .kind{color:var(--muted);font-weight:400;font-size:.85em}
        figure{margin:.4em 0 1em}figcaption{color:var(--muted);font-size:.88em}
        .no-plot{color:var(--muted);font-style:italic}
        svg.chart{width:100%;height:auto;display:block}
        svg.chart text{fill:var(--fg);font-size:12px;font-family:system-ui,"DejaVu Sans",sans-serif}
        svg.chart .tick{fill:var(--muted);font-size:11px}svg.chart .panel-title{font-weight:600;font-size:13px}
        svg.chart .axis-title{font-size:12px}svg.chart .panel-note{fill:var(--muted)}
        .axis-line,.tick-mark{stroke:var(--fg);stroke-width:1}.grid{stroke:var(--grid);stroke-width:1}
        .ref-bar{fill:var(--ref);fill-opacity:.45;stroke:var(--ref);stroke-width:1}
        .prod-bar{fill:var(--prod);fill-opacity:.9}
        .ref-line{fill:none;stroke:var(--ref);stroke-width:2}
        .prod-line{fill:none;stroke:var(--prod);stroke-width:2.5;stroke-dasharray:7 3}
        .prod-line-dot{fill:var(--prod)}.ref-line-dot{fill:var(--ref)}
        .ks-mark{stroke:var(--ks);stroke-width:4}svg.chart .ks-label{fill:var(--ks);font-weight:700;stroke:var(--bg);stroke-width:4px;paint-order:stroke}
        .alpha-line{stroke:var(--alarm);stroke-width:1.5;stroke-dasharray:5 4}svg.chart .alpha-label{fill:var(--alarm)}
        .p-line{fill:none;stroke:var(--ref);stroke-width:1.5}.p-point{fill:var(--ref)}.p-point.below-alpha{fill:var(--prod)}
        svg.chart .unseen{fill:var(--alarm);font-weight:700}.unseen-bar{fill-opacity:1;stroke:var(--fg);stroke-width:1}
        footer{color:var(--muted);font-size:.85em;margin-top:2em}
        """

    /// Sorting by any column (numbers by their exact `data-value`, missing ones — `none` —
    /// last); the
    /// table reads the same without it.
    static let sortingScript = """
        (function () {
          function key(cell, numeric) {
            if (!numeric) return cell.textContent;
            var text = cell.getAttribute("data-value");
            return text === null || text === "none" ? Infinity : parseFloat(text);
          }
          document.querySelectorAll("table.sortable").forEach(function (table) {
            var headers = table.querySelectorAll("th");
            headers.forEach(function (th, column) {
              th.tabIndex = 0;
              th.title = "sort by this column";
              function sort() {
                var ascending = th.getAttribute("aria-sort") !== "ascending";
                var numeric = th.getAttribute("data-type") === "number";
                headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
                th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = key(a.cells[column], numeric), y = key(b.cells[column], numeric);
                  var order = numeric ? (x === y ? 0 : (x > y ? 1 : -1)) : String(x).localeCompare(String(y));
                  return ascending ? order : -order;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              }
              th.addEventListener("click", sort);
              th.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
            });
          });
        })();
        """
}
