/**
 * The application's modules as `npm run build` compiled them into dist/, typed as their
 * sources. Benchmarks that start worker threads import these: a worker started from the
 * TypeScript sources runs through tsx, which transpiles every module again in each thread and
 * makes it bigger than the `cultuurgraaf` command's. The bench scripts build before they run.
 */
import type * as IngestRun from '../src/ingest/ingest-run.js';
import type * as ShapeValidators from '../src/ingest/shape-validators.js';
import type * as Replica from '../src/sparql/oxigraph-replica.js';
import type * as BaseIri from '../src/store/base-iri.js';
import type * as RunStore from '../src/store/sqlite-ingest-run-store.js';
import type * as RecordStore from '../src/store/sqlite-record-store.js';
import type * as RecordFeed from '../src/store/sqlite-record-feed.js';
import type * as TermIndex from '../src/store/sqlite-term-index.js';
import type * as TermImport from '../src/terms/term-import.js';
import type * as TermProjection from '../src/terms/term-index-projection.js';

const dist = (path: string): string => new URL(`../dist/${path}`, import.meta.url).href;

export const { runIngest } = await import(dist('ingest/ingest-run.js')) as typeof IngestRun;
export const { shapeValidators } = await import(dist('ingest/shape-validators.js')) as typeof ShapeValidators;
export const { OxigraphReplica } = await import(dist('sparql/oxigraph-replica.js')) as typeof Replica;
export const { resolveBaseIri } = await import(dist('store/base-iri.js')) as typeof BaseIri;
export const { SqliteIngestRunStore } = await import(dist('store/sqlite-ingest-run-store.js')) as typeof RunStore;
export const { SqliteRecordStore } = await import(dist('store/sqlite-record-store.js')) as typeof RecordStore;
export const { SqliteRecordFeed } = await import(dist('store/sqlite-record-feed.js')) as typeof RecordFeed;
export const { SqliteTermIndex, TERM_INDEX_FILE } = await import(dist('store/sqlite-term-index.js')) as typeof TermIndex;
export const { importTermList } = await import(dist('terms/term-import.js')) as typeof TermImport;
export const { catchUpTermIndex } = await import(dist('terms/term-index-projection.js')) as typeof TermProjection;
