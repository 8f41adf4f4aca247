import { Parser } from 'n3';
import type { PublicationPolicy } from '../access/publication-policy.js';
import { ConflictError } from '../domain/errors.js';
import { checkDatasetWrite } from '../access/dataset-access.js';
import { ANONYMOUS, mayWrite, requireAllowed, type Principal } from '../domain/principal.js';
import type { DefaultPolicy } from '../domain/publication-policy.js';
import type { BatchResult, NewDataset, RecordWrite } from '../domain/record.js';
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
  /** Who asks: every record the update touches must be theirs to write. */
  readonly principal: Principal;
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
    private readonly policy: PublicationPolicy,
    /** The first policy of a dataset an update creates (`--default-policy`). */
    private readonly defaultPolicy: DefaultPolicy,
  ) {}

  /** Applies the update; with the counts, the records it wrote or deleted and their datasets (for the audit log). */
  async apply(request: SparqlUpdateRequest): Promise<BatchResult & { readonly touched: ReadonlyArray<{ readonly iri: string; readonly dataset: string }> }> {
    const job = {
      type: 'update' as const,
      update: request.text,
      baseIri: request.baseIri,
      usingGraphs: request.usingGraphs,
      usingNamedGraphs: request.usingNamedGraphs,
    };
    return this.index.update(job, this.timeoutMs, async (result) => {
      // Checked once per attempt, on the first graph that goes into the request's dataset.
      let target: NewDataset | undefined;
      const newRecordsGo = (): NewDataset => (target ??= { id: request.dataset, ...checkDatasetWrite(this.records, request.principal, request.dataset, this.defaultPolicy) });
      const { writes, touched } = await this.toWrites(result, request, newRecordsGo);
      // The request's dataset comes into being only with a record in it, in the same transaction.
      const createDatasets = target !== undefined && writes.some((w) => w.op === 'put' && w.dataset === request.dataset) ? [target] : [];
      return { ...this.records.writeBatch(writes, { expectedHead: result.head, createDatasets }), touched };
    });
  }

  /** The record writes of the touched graphs, and of those the records they change (not a put of the content stored). */
  private async toWrites(
    result: UpdateResult, request: SparqlUpdateRequest, newRecordsGo: () => NewDataset,
  ): Promise<{ writes: RecordWrite[]; touched: Array<{ iri: string; dataset: string }> }> {
    const { dataset, principal } = request;
    const writes: RecordWrite[] = [];
    const touched: Array<{ iri: string; dataset: string }> = [];
    const publicView = this.policy.view(ANONYMOUS, 'sparql');
    for (const graph of result.graphs) {
      const existing = this.records.getRecord(graph.iri);
      const live = existing !== undefined && !existing.deleted;
      if (live) {
        const owner = this.records.getDataset(existing.dataset);
        // Not naming the dataset: to a token that may not write it, it may be unpublished.
        requireAllowed(owner !== undefined && mayWrite(principal, owner), `This token may not change <${graph.iri}>.`);
      } else {
        newRecordsGo();
      }
      if (live && publicView.content(existing) !== existing.nquads) {
        // The update saw the public view of this record, not all of it: writing what it saw back would lose the rest.
        throw new ConflictError(
          `<${graph.iri}> holds data that SPARQL does not show (its dataset "${existing.dataset}" is not published on the sparql channel, the record has restricted properties, or only a restricted property of its document leads to it), so an update cannot change it; use ingest or load.`,
          { iri: graph.iri, dataset: existing.dataset },
        );
      }
      if (graph.nquads === '') {
        if (live) {
          writes.push({ op: 'delete', iri: graph.iri });
          touched.push({ iri: graph.iri, dataset: existing.dataset });
        }
        continue;
      }
      const quads = new Parser({ format: 'application/n-quads' }).parse(graph.nquads);
      const put = await preparePut(graph.iri, live ? existing.dataset : dataset, quads);
      writes.push(put);
      if (!live || existing.hash !== put.hash) touched.push({ iri: graph.iri, dataset: put.dataset });
    }
    return { writes, touched };
  }
}
