import { Parser } from 'n3';
import type { BatchResult, RecordWrite } from '../domain/record.js';
import type { RecordStore } from '../ports/record-store.js';
import type { TripleStore } from '../ports/triple-store.js';
import { preparePut } from '../rdf/prepare-put.js';
import type { UpdateResult } from '../ports/triple-store.js';

export interface SparqlUpdateRequest {
  readonly text: string;
  readonly usingGraphs: readonly string[];
  readonly usingNamedGraphs: readonly string[];
  /** Resolves relative IRIs in the update (the endpoint's own IRI, as the protocol allows). */
  readonly baseIri: string;
  /** Dataset that receives records the update creates. */
  readonly dataset: string;
}

/**
 * Applies SPARQL Update through the record store: the index evaluates it on one replica, every
 * graph it touched becomes a record write, and all of them land in one batch (one transaction,
 * one change-log entry per changed record). A graph the update emptied is a deleted record.
 * An update that fails writes nothing, not even the dataset it names.
 */
export class SparqlUpdateService {
  constructor(
    private readonly records: RecordStore,
    private readonly index: TripleStore,
    private readonly timeoutMs: number,
  ) {}

  async apply(request: SparqlUpdateRequest): Promise<BatchResult> {
    const job = {
      type: 'update' as const,
      update: request.text,
      baseIri: request.baseIri,
      usingGraphs: request.usingGraphs,
      usingNamedGraphs: request.usingNamedGraphs,
    };
    return this.index.update(job, this.timeoutMs, async (result) => {
      const writes = await this.toWrites(result, request.dataset);
      // The request's dataset comes into being only with a record in it, in the same transaction.
      const createDatasets = writes.some((w) => w.op === 'put' && w.dataset === request.dataset) ? [request.dataset] : [];
      return this.records.writeBatch(writes, { expectedHead: result.head, createDatasets });
    });
  }

  private async toWrites(result: UpdateResult, dataset: string): Promise<RecordWrite[]> {
    const writes: RecordWrite[] = [];
    for (const graph of result.graphs) {
      const existing = this.records.getRecord(graph.iri);
      const live = existing !== undefined && !existing.deleted;
      if (graph.nquads === '') {
        if (live) writes.push({ op: 'delete', iri: graph.iri });
        continue;
      }
      const quads = new Parser({ format: 'application/n-quads' }).parse(graph.nquads);
      writes.push(await preparePut(graph.iri, live ? existing.dataset : dataset, quads));
    }
    return writes;
  }
}
