import oxigraph from 'oxigraph';
import { ENTAILMENT, RDF, SD } from '../vocab/vocabularies.js';
import { GRAPH_FORMATS, SOLUTION_FORMATS } from './result-formats.js';

const { namedNode, blankNode, quad } = oxigraph;

/**
 * The SPARQL 1.1 Service Description of the endpoint, serialised once per media type.
 * The default graph is the union of the record graphs, which `sd:UnionDefaultGraph` announces.
 */
export class ServiceDescription {
  private readonly store = new oxigraph.Store();
  private readonly cache = new Map<string, string>();

  constructor(endpoint: string) {
    const service = namedNode(endpoint);
    const add = (s: oxigraph.NamedNode | oxigraph.BlankNode, p: string, o: oxigraph.NamedNode | oxigraph.BlankNode): void => {
      this.store.add(quad(s, namedNode(p), o));
    };
    add(service, RDF.type, namedNode(SD.Service));
    add(service, SD.endpoint, service);
    add(service, SD.supportedLanguage, namedNode(SD.SPARQL11Query));
    add(service, SD.supportedLanguage, namedNode(SD.SPARQL11Update));
    add(service, SD.feature, namedNode(SD.UnionDefaultGraph));
    add(service, SD.defaultEntailmentRegime, namedNode(ENTAILMENT.Simple));
    for (const format of [...SOLUTION_FORMATS, ...GRAPH_FORMATS]) {
      if (format.formatIri) add(service, SD.resultFormat, namedNode(format.formatIri));
    }
    const dataset = blankNode();
    const defaultGraph = blankNode();
    add(service, SD.defaultDataset, dataset);
    add(dataset, RDF.type, namedNode(SD.Dataset));
    add(dataset, SD.defaultGraph, defaultGraph);
    add(defaultGraph, RDF.type, namedNode(SD.Graph));
  }

  /** The description in one of GRAPH_FORMATS' media types. */
  serialise(mediaType: string): string {
    let text = this.cache.get(mediaType);
    if (text === undefined) {
      text = this.store.dump({ format: mediaType, from_graph_name: oxigraph.defaultGraph() });
      this.cache.set(mediaType, text);
    }
    return text;
  }
}
