import { CRM } from '../vocab/vocabularies.js';

/** HTML-escapes text for an element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The query editor page: YASGUI served from the installed npm package (never a CDN). It is
 * served at the endpoint itself, so it queries the URL it was loaded from, whatever host,
 * port or proxy path that is. A query in the URL is opened in the editor.
 */
export function sparqlEditorPage(options: { query?: string } = {}): string {
  const config = JSON.stringify({ query: options.query ?? null });
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPARQL · cultuurgraaf</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/yasgui/yasgui.min.css">
<style>
  body { margin: 0; font-family: system-ui, sans-serif; }
  header { padding: .6rem 1rem; background: #1d3557; color: #fff; }
  header h1 { font-size: 1.1rem; margin: 0; }
  main { padding: 0 .5rem; }
</style>
</head>
<body>
<header><h1>cultuurgraaf SPARQL</h1></header>
<main><div id="yasgui" data-config="${escapeHtml(config)}"></div></main>
<script src="/assets/yasgui/yasgui.min.js"></script>
<script src="/assets/sparql-editor.js"></script>
</body>
</html>
`;
}

/**
 * Starts YASGUI with the endpoint and query the page carries. Served as a file, so a strict CSP
 * can forbid inline scripts. Written raw: its escapes belong to the browser's JavaScript.
 */
export const SPARQL_EDITOR_SCRIPT = String.raw`(function () {
  var element = document.getElementById('yasgui');
  var config = JSON.parse(element.getAttribute('data-config'));
  // This page is served at the endpoint: query where it came from.
  var endpoint = window.location.origin + window.location.pathname;
  // Completion of prefixes and variables is local; that of classes and properties asks
  // lov.linkeddata.es, which the page's CSP (and the server's rule: nothing from the internet)
  // forbids. Set on the defaults: a yasqe option would be merged into them index by index.
  Yasgui.Yasqe.defaults.autocompleters = ['prefixes', 'variables'];
  var yasgui = new Yasgui(element, {
    requestConfig: { endpoint: endpoint, method: 'POST' },
    copyEndpointOnNewTab: false,
    persistenceId: 'cultuurgraaf-sparql',
  });
  var tab = yasgui.getTab();
  tab.setEndpoint(endpoint);
  if (config.query) {
    tab.setQuery(config.query);
  } else if (!tab.getQuery() || /SELECT \* WHERE \{\s*\?sub \?pred \?obj/.test(tab.getQuery())) {
    tab.setQuery('PREFIX crm: <${CRM.$base}>\n\n' +
      'SELECT ?object ?title WHERE {\n  ?object a crm:E22_Human-Made_Object ;\n    crm:P102_has_title ?title .\n' +
      '} LIMIT 25\n');
  }
})();
`;
