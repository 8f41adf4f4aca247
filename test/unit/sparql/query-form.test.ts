import { describe, expect, it } from 'vitest';
import { detectQueryForm } from '../../../src/sparql/query-form.js';

describe('detectQueryForm', () => {
  it.each([
    ['SELECT * WHERE { ?s ?p ?o }', 'SELECT'],
    ['  ask {}', 'ASK'],
    ['PREFIX ex: <http://example.org/#> # comment with SELECT\nCONSTRUCT WHERE { ?s ?p ?o }', 'CONSTRUCT'],
    ['BASE <http://example.org/> PREFIX : <x> DESCRIBE <a>', 'DESCRIBE'],
    ['# SELECT in a comment\n\tprefix foaf:   <http://xmlns.com/foaf/0.1/>\nselect ?x {}', 'SELECT'],
    ['INSERT DATA { <a> <b> <c> }', 'UPDATE'],
    ['PREFIX ex: <x> DELETE WHERE { ?s ?p ?o }', 'UPDATE'],
    ['WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }', 'UPDATE'],
    ['', 'UNKNOWN'],
    ['PREFIX ex: <unterminated SELECT', 'UNKNOWN'],
    ['\u0000\u00ff garbage', 'UNKNOWN'],
  ])('%j is %s', (text, form) => {
    expect(detectQueryForm(text)).toBe(form);
  });
});
