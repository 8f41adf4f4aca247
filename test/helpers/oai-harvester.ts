import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One record as Debian's `oai_pmh` harvester (libhttp-oai-perl) printed it. */
export interface HarvestedRecord {
  readonly identifier: string;
  readonly datestamp: string;
  readonly deleted: boolean;
  readonly sets: string[];
  /** The metadata element as the harvester re-serialised it; '' for headers and deleted records. */
  readonly metadata: string;
}

/**
 * Runs `oai_pmh` against a base URL with the given options (e.g. `--set`, `--from`, `-X
 * ListIdentifiers`) and reads what it printed: for each record its header lines, a blank line,
 * the metadata, and a form feed. The harvester follows resumption tokens by itself and exits
 * non-zero on an OAI error; its standard output is made UTF-8 (PERL_UNICODE).
 */
export async function oaiPmhHarvest(baseUrl: string, options: readonly string[]): Promise<HarvestedRecord[]> {
  const { stdout } = await run('oai_pmh', [...options, baseUrl], {
    env: { ...process.env, PERL_UNICODE: 'SO' }, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8',
  });
  return stdout.split('\f').filter((chunk) => chunk.trim() !== '').map(parseRecord);
}

function parseRecord(chunk: string): HarvestedRecord {
  const blank = chunk.indexOf('\n\n');
  const head = blank === -1 ? chunk : chunk.slice(0, blank);
  const fields = head.split('\n').filter((line) => line !== '').map((line) => {
    const colon = line.indexOf(': ');
    return colon === -1 ? [line.replace(/:$/, ''), ''] : [line.slice(0, colon), line.slice(colon + 2)];
  });
  const value = (key: string): string => fields.find(([name]) => name === key)?.[1] ?? '';
  return {
    identifier: value('identifier'),
    datestamp: value('datestamp'),
    deleted: value('status') === 'deleted',
    sets: fields.filter(([name]) => name === 'setSpec').map(([, set]) => set ?? ''),
    metadata: blank === -1 ? '' : chunk.slice(blank + 2).trim(),
  };
}
