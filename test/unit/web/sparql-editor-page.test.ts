import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { escapeHtml, SPARQL_EDITOR_SCRIPT, sparqlEditorPage } from '../../../src/web/sparql-editor-page.js';

describe('the SPARQL editor page', () => {
  it('serves a start-up script that is valid JavaScript with its escapes intact', () => {
    expect(() => new Script(SPARQL_EDITOR_SCRIPT)).not.toThrow();
    expect(SPARQL_EDITOR_SCRIPT).toContain(String.raw`cidoc-crm/>\n\n`);
  });

  it('carries endpoint and query in an escaped attribute, not in inline script', () => {
    const html = sparqlEditorPage({ query: 'SELECT * { ?s ?p "</script>\'" }' });
    expect(html).toContain(`data-config="${escapeHtml(JSON.stringify({ query: 'SELECT * { ?s ?p "</script>\'" }' }))}"`);
    expect(html.match(/<script>/g)).toBeNull();
  });
});
