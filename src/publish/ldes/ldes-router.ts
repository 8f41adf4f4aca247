import { Router } from 'express';
import { ANONYMOUS } from '../../domain/principal.js';
import { BadRequestError, MethodNotAllowedError, NotFoundError } from '../../domain/errors.js';
import type { PublicationOptions } from '../publication-options.js';
import { ldesFragmentUrl, restrictionTag } from '../publication-urls.js';
import { DATASET_SERIALIZERS, negotiate } from '../rdf-serializers.js';
import { sendDocument } from '../send-document.js';
import { readFragment } from './ldes-fragment.js';
import { fragmentQuads, LDES_PREFIXES, POLLING_INTERVAL, rootQuads } from './ldes-graph.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const OPEN = `public, max-age=${POLLING_INTERVAL}`;

/**
 * Linked Data Event Streams (docs/ldes.md): `GET /ldes/{dataset}` is a dataset's root node,
 * `GET /ldes/{dataset}?after={seq}` the fragment of its change-log entries after `seq`. Served
 * as TriG (the default), Turtle (members as version objects), JSON-LD or N-Quads. The stream is the public view: it is the same for
 * every caller, so caches may share it, and a token changes nothing.
 */
export function ldesRouter(options: PublicationOptions): Router {
  const router = Router();
  // The stream is read only: other methods are told so, not that there is nothing.
  router.all('/ldes/:dataset', (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') next();
    else throw new MethodNotAllowedError(req.method, ['GET', 'HEAD']);
  });
  router.get('/ldes/:dataset', async (req, res) => {
    const dataset = req.params.dataset;
    const view = options.policy.view(ANONYMOUS, 'ldes');
    if (options.records.getDataset(dataset) === undefined || !view.seesAny(dataset)) {
      throw new NotFoundError(`There is no event stream of dataset "${dataset}"; /catalog lists the published ones.`);
    }
    const serializer = negotiate(req, DATASET_SERIALIZERS);
    const after = afterParameter(req.query.after);
    const restriction = restrictionTag(view.restricted(dataset));
    if (after === undefined) {
      const body = await serializer.serialize(rootQuads(options.baseIri, dataset, restriction), LDES_PREFIXES);
      sendDocument(req, res, { body, mediaType: serializer.mediaType, cacheControl: OPEN });
      return;
    }
    // A fragment asked for under other restrictions than the dataset's now is found at its current URL.
    if ((typeof req.query.restricted === 'string' ? req.query.restricted : '') !== restriction) {
      res.setHeader('Cache-Control', OPEN);
      // Only the query differs: a reference of the query alone keeps whatever path a proxy serves the feed under.
      const url = ldesFragmentUrl(options.baseIri, dataset, after, restriction);
      res.redirect(302, url.slice(url.indexOf('?')));
      return;
    }
    const fragment = readFragment(options.feed, view, dataset, after);
    // Turtle has no named graphs: its members are version objects (docs/ldes.md).
    const form = serializer.mediaType === 'text/turtle' ? 'object' : 'graph';
    const body = await serializer.serialize(fragmentQuads(options.baseIri, dataset, fragment, form, restriction), LDES_PREFIXES);
    sendDocument(req, res, { body, mediaType: serializer.mediaType, cacheControl: fragment.next === undefined ? OPEN : IMMUTABLE });
  });
  return router;
}

/** The `after` parameter: absent (the root), or a change-log sequence number. */
function afterParameter(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) {
    throw new BadRequestError(`after must be a change-log sequence number (an integer of 0 or more, once), not ${JSON.stringify(value)}.`);
  }
  return Number(value);
}
