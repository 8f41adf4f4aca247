import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { ChannelView } from '../../access/publication-policy.js';
import { NotFoundError } from '../../domain/errors.js';
import { principalOf } from '../../http/auth.js';
import type { DatasetSnapshot } from '../../ports/version-feed.js';
import type { PublicationOptions } from '../publication-options.js';
import { writeNQuads } from './nquads-dump.js';

const DUMP_FILE = /^(.+)\.nq\.gz$/;

/**
 * Dumps (docs/dumps-and-catalog.md): `GET /dumps/{dataset}.nq.gz` is the dataset's live records as
 * N-Quads (one named graph per record), gzipped, as the `dumps` channel publishes them to the
 * caller: the public view, or the whole dataset for its own organisation's token. Read from one
 * snapshot and streamed: memory stays flat whatever the size. The ETag and Last-Modified come
 * from the dataset's change log, so a harvester skips a dump that did not change.
 */
export function dumpRouter(options: PublicationOptions): Router {
  const router = Router();
  router.get('/dumps/:file', async (req, res) => {
    const dataset = DUMP_FILE.exec(req.params.file)?.[1];
    if (dataset === undefined) throw new NotFoundError(`Nothing at ${req.path}; a dataset's dump is at /dumps/{dataset}.nq.gz.`);
    const view = options.policy.view(principalOf(req), 'dumps');
    if (options.records.getDataset(dataset) === undefined || !view.seesAny(dataset)) {
      throw new NotFoundError(`There is no dump of dataset "${dataset}"; /catalog lists the published ones.`);
    }
    const snapshot = options.feed.snapshot(dataset);
    // A client that stops reading is let go after a minute of silence, and with it the snapshot.
    res.setTimeout(60_000, () => { res.destroy(); });
    try {
      describe(req, res, snapshot, view, dataset);
      if (req.fresh) {
        res.status(304).end();
        return;
      }
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      await writeNQuads(contents(snapshot, view), res, { gzip: true });
    } catch (error) {
      // A client that stops reading ends the dump; there is no one left to tell.
      if (!res.writableEnded && res.destroyed) return;
      throw error;
    } finally {
      snapshot.close();
    }
  });
  return router;
}

/** The headers: a gzip file to save, tagged by how far the dataset's log reached and by what the caller may see. */
function describe(req: Request, res: Response, snapshot: DatasetSnapshot, view: ChannelView, dataset: string): void {
  const privileged = view.privileged(dataset);
  const state = `${dataset}\n${snapshot.activity?.lastSeq ?? 0}\n${snapshot.activity?.entries ?? 0}\n${privileged}`;
  res.setHeader('ETag', `"${createHash('sha256').update(state).digest('base64url').slice(0, 27)}"`);
  if (snapshot.activity !== undefined) res.setHeader('Last-Modified', new Date(snapshot.activity.lastAt).toUTCString());
  res.setHeader('Vary', 'Authorization');
  // A token may widen what is sent: never let a shared cache hand that to someone else.
  res.setHeader('Cache-Control', `${req.get('authorization') === undefined ? 'public' : 'private'}, no-cache`);
  res.setHeader('Content-Type', 'application/gzip');
  res.setHeader('Content-Disposition', `attachment; filename="${dataset}.nq.gz"`);
}

/** Each record's N-Quads as the view may publish them. */
function* contents(snapshot: DatasetSnapshot, view: ChannelView): Generator<string> {
  for (const record of snapshot.records()) {
    const nquads = view.content(record);
    if (nquads !== undefined && nquads !== '') yield nquads;
  }
}
