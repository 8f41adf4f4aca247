import { isRecordKind } from '../domain/record-kind.js';
import type {
  HarvestDataset, HarvestEntry, HarvestFeed, HarvestPage, HarvestSelection, HarvestVisibility,
} from '../ports/harvest-feed.js';
import { openDatabase, type SqliteDatabase } from './sqlite-database.js';

interface EntryRow {
  seq: number;
  at: string;
  iri: string;
  dataset: string;
  kind: string;
  deleted: 0 | 1;
  visible: 0 | 1;
  nquads: string | null;
}

/** Visible by the policy lists (see HarvestVisibility), for the record `r`. */
const VISIBLE = `(EXISTS (SELECT 1 FROM json_each(:shown) s WHERE s.value ->> '$.iri' = r.iri AND s.value ->> '$.dataset' = r.dataset_id)
  OR (r.dataset_id IN (SELECT value FROM json_each(:visibleDatasets))
    AND NOT EXISTS (SELECT 1 FROM json_each(:hidden) h WHERE h.value ->> '$.iri' = r.iri AND h.value ->> '$.dataset' = r.dataset_id)))`;

/**
 * The record was withdrawn from the oai channel: a policy entry of its change log says that
 * change took the channel from it (an entry written before the change log recorded that may
 * have). A record the channel never published has none, so its existence stays unpublished.
 */
const WITHDRAWN = `EXISTS (SELECT 1 FROM change_log p WHERE p.record_id = r.id AND p.op = 'policy'
  AND (p.withdrawn IS NULL OR 'oai' IN (SELECT value FROM json_each(p.withdrawn))))`;

/**
 * Whether a deleted record was published on oai when it was deleted: the first policy entry
 * after its deletion that touched the channel says what it had before (granted: not published;
 * withdrew: published); without one, it had what it has now. An entry older than schema 5
 * (no grants recorded) counts as published, as before.
 */
const AT_DELETION = `(SELECT CASE WHEN p.granted IS NULL THEN 1 WHEN 'oai' IN (SELECT value FROM json_each(p.granted)) THEN 0 ELSE 1 END
  FROM change_log p WHERE p.record_id = r.id AND p.op = 'policy'
    AND p.seq > (SELECT MAX(d.seq) FROM change_log d WHERE d.record_id = r.id AND d.op = 'delete')
    AND (p.granted IS NULL OR 'oai' IN (SELECT value FROM json_each(p.granted)) OR 'oai' IN (SELECT value FROM json_each(p.withdrawn)))
  ORDER BY p.seq LIMIT 1)`;

/**
 * What the channel lists: a live record it publishes or withdrew, and a deleted record it
 * published when it was deleted (never one deleted while it was unpublished).
 */
const LISTED = `(CASE WHEN r.deleted = 0 THEN (${VISIBLE} OR ${WITHDRAWN}) ELSE COALESCE(${AT_DELETION}, ${VISIBLE}) END)`;

/**
 * Each record once, at its latest entry (no later entry of the same record, which the index
 * change_log_by_record answers), walking the log in sequence order from `:after`.
 */
const SELECTION = `FROM change_log c JOIN records r ON r.id = c.record_id
  WHERE c.seq > :after
    AND NOT EXISTS (SELECT 1 FROM change_log l WHERE l.record_id = c.record_id AND l.seq > c.seq)
    AND (:datasets IS NULL OR r.dataset_id IN (SELECT value FROM json_each(:datasets)))
    AND (:from IS NULL OR c.at >= :from)
    AND (:before IS NULL OR c.at < :before)
    AND (:kinds IS NULL OR r.kind IN (SELECT value FROM json_each(:kinds)))
    AND ${LISTED}`;

/** The harvest feed on the record store's SQLite file, on a read-only connection; see the HarvestFeed contract. */
export class SqliteHarvestFeed implements HarvestFeed {
  private readonly s;

  private constructor(private readonly db: SqliteDatabase) {
    const columns = (content: boolean): string =>
      `c.seq, c.at, r.iri, r.dataset_id AS dataset, r.kind, r.deleted, ${VISIBLE} AS visible, ${content ? 'r.nquads' : 'NULL'} AS nquads`;
    this.s = {
      datasets: db.prepare(
        `SELECT d.id, d.title, d.organisation_id AS organisation, o.name AS organisationName, p.rights
         FROM datasets d JOIN organisations o ON o.id = d.organisation_id LEFT JOIN dataset_policies p ON p.dataset_id = d.id
         ORDER BY d.organisation_id, d.id`,
      ),
      // The first entry made at or after a time: a harvest from that time need not read what came before.
      firstAt: db.prepare('SELECT MIN(seq) FROM change_log WHERE at >= ?').pluck(),
      // The log's first entry (by its primary key) rather than MIN(at), which reads the whole log.
      earliest: db.prepare('SELECT at FROM change_log ORDER BY seq LIMIT 1'),
      page: db.prepare(`SELECT ${columns(false)} ${SELECTION} ORDER BY c.seq LIMIT :limit`),
      pageWithContent: db.prepare(`SELECT ${columns(true)} ${SELECTION} ORDER BY c.seq LIMIT :limit`),
      count: db.prepare(`SELECT COUNT(*) AS n ${SELECTION}`),
      entry: db.prepare(
        `SELECT ${columns(true)} FROM records r JOIN change_log c ON c.record_id = r.id
         WHERE r.iri = :iri AND ${LISTED} ORDER BY c.seq DESC LIMIT 1`,
      ),
      content: db.prepare('SELECT dataset_id AS dataset, nquads FROM records WHERE iri = ? AND deleted = 0'),
    };
  }

  /** Opens the feed of a data dir whose record store already exists. */
  static open(dataDir: string): SqliteHarvestFeed {
    return new SqliteHarvestFeed(openDatabase(dataDir, { readonly: true }));
  }

  datasets(): HarvestDataset[] {
    return (this.s.datasets.all() as Array<Omit<HarvestDataset, 'rights'> & { rights: string | null }>)
      .map((row) => ({ ...row, rights: row.rights ?? undefined }));
  }

  earliest(): string | undefined {
    return (this.s.earliest.get() as { at: string } | undefined)?.at;
  }

  page(selection: HarvestSelection, options: { after: number; limit: number; content: boolean; total: boolean }): HarvestPage {
    // Entries before the first one made at `from` cannot match: start after them (this holds
    // whether or not times grow with sequence numbers, as `from` still filters every entry).
    const first = selection.from === undefined ? undefined : this.s.firstAt.get(selection.from) as number | null;
    const params = {
      ...visibilityParams(selection.visibility),
      after: first === undefined ? options.after : first === null ? Number.MAX_SAFE_INTEGER : Math.max(options.after, first - 1),
      datasets: selection.datasets === undefined ? null : JSON.stringify(selection.datasets),
      from: selection.from ?? null,
      before: selection.before ?? null,
      kinds: selection.kinds === undefined ? null : JSON.stringify(selection.kinds),
    };
    const read = (): HarvestPage => {
      const statement = options.content ? this.s.pageWithContent : this.s.page;
      const entries = (statement.all({ ...params, limit: options.limit }) as EntryRow[]).map(toEntry);
      const total = options.total ? (this.s.count.get(params) as { n: number }).n : undefined;
      return { entries, total };
    };
    // The count and the page read one snapshot.
    return options.total ? this.db.transaction(read)() : read();
  }

  entry(iri: string, visibility: HarvestVisibility): HarvestEntry | undefined {
    const row = this.s.entry.get({ ...visibilityParams(visibility), iri }) as EntryRow | undefined;
    return row && toEntry(row);
  }

  content(iri: string): { dataset: string; nquads: string } | undefined {
    return this.s.content.get(iri) as { dataset: string; nquads: string } | undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function visibilityParams(visibility: HarvestVisibility): { shown: string; visibleDatasets: string; hidden: string } {
  return {
    shown: JSON.stringify(visibility.shown),
    visibleDatasets: JSON.stringify(visibility.datasets),
    hidden: JSON.stringify(visibility.hidden),
  };
}

function toEntry(row: EntryRow): HarvestEntry {
  return {
    seq: row.seq,
    iri: row.iri,
    dataset: row.dataset,
    kind: isRecordKind(row.kind) ? row.kind : 'resource',
    at: row.at,
    deleted: row.deleted === 1,
    visible: row.visible === 1,
    nquads: row.nquads ?? undefined,
  };
}
