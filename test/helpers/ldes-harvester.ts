import type * as RDF from '@rdfjs/types';
import jsonld from 'jsonld';
import { DataFactory, Parser } from 'n3';

const TREE = 'https://w3id.org/tree#';
const LDES = 'https://w3id.org/ldes#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** One fetch the harvester made, for assertions on caching. */
export interface Fetched {
  readonly url: string;
  readonly status: number;
  readonly cacheControl: string | null;
  readonly etag: string | null;
  readonly contentType: string | null;
}

interface Version {
  readonly time: string;
  readonly sequence: number;
  /** The record's graph, null for a tombstone. */
  readonly quads: RDF.Quad[] | null;
}

/**
 * A small LDES client written from the specifications, not from the server's code: it reads
 * the stream's paths (timestamp, sequence, version-of, delete type) from the root, follows every
 * `tree:relation`, extracts members by the TREE member extraction rules this stream uses (the
 * member's own statements plus the named graph of its IRI, or in Turtle the version object: the
 * statements of the member and its `#` nodes, and the blank nodes they reach, renamed back to
 * the record), applies versions in timestamp and
 * sequence order (the latest per `isVersionOf` wins, a delete removes), and remembers what it saw:
 * a second `sync` refetches the fragments it read that were not marked `ldes:immutable`, and
 * follows them on.
 */
export class LdesHarvester {
  readonly fetched: Fetched[] = [];
  private readonly seenMembers = new Set<string>();
  private readonly immutable = new Set<string>();
  /** Fragments read before that may still grow: read again on every sync. */
  private readonly mutable = new Set<string>();
  private readonly state = new Map<string, Version>();

  /**
   * `root` is the stream's root IRI as the server names it; `locate` turns an IRI into the URL to
   * fetch (tests serve on a loopback port under another base IRI).
   */
  constructor(private readonly root: string, private readonly options: { accept?: string; locate?: (iri: string) => string } = {}) {}

  /** Reads the stream from its root to the end, applying the members it has not seen yet. */
  async sync(): Promise<void> {
    const rootQuads = await this.fetchNode(this.root);
    const stream = only(rootQuads.filter((q) => q.predicate.value === TREE + 'view' && q.object.value === this.root).map((q) => q.subject));
    const path = (predicate: string): string | undefined => rootQuads.find((q) => q.subject.equals(stream) && q.predicate.value === LDES + predicate)?.object.value;
    const paths = {
      timestamp: required(path('timestampPath'), 'ldes:timestampPath'),
      sequence: path('sequencePath'),
      versionOf: required(path('versionOfPath'), 'ldes:versionOfPath'),
      deletePath: path('versionDeletePath') ?? RDF_TYPE,
      deleteObject: path('versionDeleteObject'),
    };
    const queue = [...relationsOf(rootQuads, this.root), ...this.mutable];
    const visited = new Set<string>([this.root]);
    const found: Array<{ member: string; record: string; version: Version }> = [];
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      if (visited.has(url) || this.immutable.has(url)) continue;
      visited.add(url);
      const quads = await this.fetchNode(url);
      if (quads.some((q) => q.subject.value === url && q.predicate.value === LDES + 'immutable' && q.object.value === 'true')) {
        this.immutable.add(url);
        this.mutable.delete(url);
      } else {
        this.mutable.add(url);
      }
      queue.push(...relationsOf(quads, url));
      for (const link of quads.filter((q) => q.subject.equals(stream) && q.predicate.value === TREE + 'member')) {
        const member = link.object.value;
        if (this.seenMembers.has(member)) continue;
        this.seenMembers.add(member);
        const own = quads.filter((q) => q.subject.value === member && q.graph.termType === 'DefaultGraph');
        const value = (predicate: string | undefined): string | undefined => own.find((q) => q.predicate.value === predicate)?.object.value;
        const deleted = paths.deleteObject !== undefined && own.some((q) => q.predicate.value === paths.deletePath && q.object.value === paths.deleteObject);
        found.push({
          member,
          record: required(value(paths.versionOf), `the version-of path of ${member}`),
          version: {
            time: required(value(paths.timestamp), `the timestamp of ${member}`),
            sequence: Number(value(paths.sequence) ?? 0),
            quads: deleted ? null : this.options.accept === 'text/turtle'
              ? versionObject(quads, member, required(value(paths.versionOf), 'version-of'), [paths.timestamp, paths.sequence, paths.versionOf])
              : quads.filter((q) => q.graph.value === member),
          },
        });
      }
    }
    found.sort((a, b) => compare(a.version, b.version));
    for (const { record, version } of found) {
      const current = this.state.get(record);
      if (current === undefined || compare(current, version) < 0) this.state.set(record, version);
    }
  }

  /** The materialised dataset: each live record's graph named by its IRI. */
  dataset(): RDF.Quad[] {
    return [...this.state].flatMap(([record, version]) => (version.quads ?? []).map(
      (q) => DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(record)),
    ));
  }

  private async fetchNode(url: string): Promise<RDF.Quad[]> {
    const response = await fetch(this.options.locate?.(url) ?? url, { headers: { accept: this.options.accept ?? 'application/trig' } });
    this.fetched.push({
      url, status: response.status, cacheControl: response.headers.get('cache-control'), etag: response.headers.get('etag'),
      contentType: response.headers.get('content-type'),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${url}: ${response.status} ${text}`);
    const type = response.headers.get('content-type') ?? '';
    if (type.startsWith('application/ld+json')) {
      const nquads = await jsonld.toRDF(JSON.parse(text) as object, { format: 'application/n-quads', base: url });
      return new Parser({ format: 'application/n-quads' }).parse(nquads as unknown as string);
    }
    return new Parser({ format: type.split(';')[0] ?? 'application/trig', baseIRI: url }).parse(text);
  }
}

/**
 * A version object's content as the record's graph: the statements about the member IRI (less
 * the stream's own paths) and about `{member}#…` nodes, with the blank nodes they reach, and
 * those IRIs renamed back to the record's.
 */
function versionObject(quads: readonly RDF.Quad[], member: string, record: string, paths: ReadonlyArray<string | undefined>): RDF.Quad[] {
  const own = (term: RDF.Term): boolean => term.termType === 'NamedNode' && (term.value === member || term.value.startsWith(`${member}#`));
  const rename = <T extends RDF.Term>(term: T): T => (own(term) ? DataFactory.namedNode(record + term.value.slice(member.length)) as unknown as T : term);
  const taken = quads.filter((q) => q.graph.termType === 'DefaultGraph' && own(q.subject) && !(q.subject.value === member && paths.includes(q.predicate.value)));
  const blanks = new Set(taken.filter((q) => q.object.termType === 'BlankNode').map((q) => q.object.value));
  for (let grew = true; grew;) {
    grew = false;
    for (const q of quads) {
      if (q.subject.termType === 'BlankNode' && blanks.has(q.subject.value) && !taken.includes(q)) {
        taken.push(q);
        if (q.object.termType === 'BlankNode' && !blanks.has(q.object.value)) blanks.add(q.object.value);
        grew = true;
      }
    }
  }
  return taken.map((q) => DataFactory.quad(rename(q.subject), q.predicate, rename(q.object)));
}

function relationsOf(quads: readonly RDF.Quad[], node: string): string[] {
  const relations = quads.filter((q) => q.subject.value === node && q.predicate.value === TREE + 'relation').map((q) => q.object);
  return quads.filter((q) => relations.some((r) => r.equals(q.subject)) && q.predicate.value === TREE + 'node').map((q) => q.object.value);
}

function compare(a: Version, b: Version): number {
  const time = Date.parse(a.time) - Date.parse(b.time);
  return time !== 0 ? time : a.sequence - b.sequence;
}

function only<T>(values: readonly T[]): T {
  if (values.length !== 1 || values[0] === undefined) throw new Error(`expected exactly one, found ${values.length}`);
  return values[0];
}

function required(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`the stream has no ${what}`);
  return value;
}
