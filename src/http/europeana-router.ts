import { Router } from 'express';
import type { PublicationPolicy } from '../access/publication-policy.js';
import { NotFoundError } from '../domain/errors.js';
import type { RecordStore } from '../ports/record-store.js';
import type { VersionFeed } from '../ports/version-feed.js';
import { EuropeanaExport } from '../publish/europeana/europeana-export.js';
import { principalOf } from './auth.js';

/** How long a download may go without the client taking any of it. */
const IDLE_TIMEOUT_MS = 60_000;

export interface EuropeanaRouterOptions {
  readonly records: RecordStore;
  /** Where the objects are read, each export on a connection of its own. */
  readonly feed: VersionFeed;
  readonly policy: PublicationPolicy;
  /** `edm:provider`. */
  readonly provider: string;
}

/**
 * The Europeana channel over HTTP: `GET /api/datasets/{id}/europeana` streams the zip of EDM
 * records that `cultuurgraaf export europeana` writes; `…/europeana/report` is its readiness
 * report as JSON. The zip is what the europeana channel publishes (the public view, whoever
 * asks); the report shows records the policy withholds only to their organisation's readers,
 * editors and admins. A dataset that publishes nothing there answers 404 to everyone else.
 */
export function europeanaRouter(options: EuropeanaRouterOptions): Router {
  const router = Router();
  const europeana = new EuropeanaExport({
    records: options.records, provider: options.provider,
    openObjects: (dataset) => {
      const snapshot = options.feed.snapshot(dataset);
      return { records: () => snapshot.records('object'), close: () => { snapshot.close(); } };
    },
  });
  const published = (id: string, privileged: boolean): void => {
    if (options.records.getDataset(id) === undefined) throw new NotFoundError(`There is no dataset "${id}".`);
    if (!privileged && !options.policy.current().publishesAny('europeana', id)) {
      throw new NotFoundError(`Dataset "${id}" is not published on the europeana channel.`);
    }
  };

  router.get('/api/datasets/:id/europeana', async (req, res) => {
    const { id } = req.params;
    published(id, false);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${id}-europeana.zip"`);
    res.setHeader('Cache-Control', 'no-cache');
    // A client that stops reading is let go after a minute of silence, and with it the snapshot.
    res.setTimeout(IDLE_TIMEOUT_MS, () => { res.destroy(); });
    await europeana.writeZip(id, options.policy.current(), res);
  });

  router.get('/api/datasets/:id/europeana/report', async (req, res) => {
    const { id } = req.params;
    const view = options.policy.view(principalOf(req), 'europeana');
    published(id, options.records.getDataset(id) !== undefined && view.privileged(id));
    res.setHeader('Vary', 'Authorization');
    if (req.get('authorization') !== undefined) res.setHeader('Cache-Control', 'private');
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setTimeout(IDLE_TIMEOUT_MS, () => { res.destroy(); });
    await europeana.writeReport(id, view, res);
  });
  return router;
}
