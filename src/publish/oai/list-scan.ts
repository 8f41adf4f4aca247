import type { HarvestEntry, HarvestSelection } from '../../ports/harvest-feed.js';
import type { OaiContext } from './oai-context.js';

/** How many entries past the first item a response may pass over (ones its format cannot disseminate) before it ends its page early. */
const SCAN_FACTOR = 10;

/**
 * Walks a harvest selection from a position, one page of entries from the feed at a time, and
 * hands out the items of one response: at most `pageSize`, skipping the entries `itemOf`
 * declines. Holds one page of entries, never the list.
 */
export class ListScan<Item> {
  private batch: HarvestEntry[] = [];
  private index = 0;
  private exhausted = false;
  private scanned = 0;
  private firstRead = true;
  /** The sequence number of the last entry passed: where the next response starts. */
  position: number;
  /** Items handed out. */
  count = 0;
  /** The size of the whole selection, read with the first page when asked for. */
  total: number | undefined;

  constructor(
    private readonly context: OaiContext,
    private readonly selection: HarvestSelection,
    after: number,
    private readonly countTotal: boolean,
    private readonly itemOf: (entry: HarvestEntry) => Item | undefined,
  ) {
    this.position = after;
  }

  /** The next item of this response; undefined when the page is full or the selection is exhausted. */
  next(): Item | undefined {
    const pageSize = this.context.pageSize;
    while (this.count < pageSize) {
      if (this.count > 0 && this.scanned >= SCAN_FACTOR * pageSize) return undefined;
      const entry = this.peek();
      if (entry === undefined) return undefined;
      this.index++;
      this.scanned++;
      this.position = entry.seq;
      const item = this.itemOf(entry);
      if (item !== undefined) {
        this.count++;
        return item;
      }
    }
    return undefined;
  }

  /**
   * Whether items remain after this response's: then the list goes on with a resumption token.
   * It looks ahead for an entry the format can give, as far as it takes, so that a token never
   * leads to an empty response, which OAI-PMH cannot express (a list must hold a record, and
   * noRecordsMatch is for arguments that select none); the entries passed over move the position
   * on, so the next response does not read them again.
   */
  more(): boolean {
    for (;;) {
      const entry = this.peek();
      if (entry === undefined) return false;
      if (this.itemOf(entry) !== undefined) return true;
      this.index++;
      this.position = entry.seq;
    }
  }

  private peek(): HarvestEntry | undefined {
    if (this.index >= this.batch.length && !this.exhausted) this.read();
    return this.batch[this.index];
  }

  private read(): void {
    const limit = this.context.pageSize + 1;
    const page = this.context.feed.page(this.selection, {
      after: this.position, limit, content: true, total: this.firstRead && this.countTotal,
    });
    if (this.firstRead && this.countTotal) this.total = page.total;
    this.firstRead = false;
    this.batch = page.entries;
    this.index = 0;
    this.exhausted = page.entries.length < limit;
  }
}
