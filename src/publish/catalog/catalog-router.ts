import type * as RDF from '@rdfjs/types';
import { Router } from 'express';
import type { PolicySnapshot } from '../../domain/publication-policy.js';
import type { PublicationOptions } from '../publication-options.js';
import { GRAPH_SERIALIZERS, negotiate } from '../rdf-serializers.js';
import { sendDocument } from '../send-document.js';
import { catalogEntries } from './catalog-entries.js';
import { CATALOG_PREFIXES, catalogQuads } from './catalog-graph.js';

/**
 * The DCAT-AP catalogue at `GET /catalog` (docs/dumps-and-catalog.md): every dataset and term
 * list published to everyone, with its distributions. Turtle (the default), JSON-LD, RDF/XML or
 * N-Triples. It is built again only when a policy changed, or the change log moved and the
 * catalogue is more than a few seconds old: counting a dataset's records reads all of them, and
 * during an ingest the log moves all the time.
 */
/** How long the catalogue is served as it is while the change log moves (its counts and dates may lag that much). */
const REBUILD_AFTER_MS = 5_000;

export function catalogRouter(options: PublicationOptions): Router {
  const router = Router();
  let cached: { head: number; policies: PolicySnapshot; quads: RDF.Quad[]; at: number } | undefined;
  const current = (): RDF.Quad[] => {
    const head = options.feed.head();
    const policies = options.policy.current();
    const fresh = cached !== undefined && performance.now() - cached.at < REBUILD_AFTER_MS;
    if (cached?.policies !== policies || (cached.head !== head && !fresh)) {
      cached = { head, policies, at: performance.now(), quads: catalogQuads(options.baseIri, catalogEntries(options.records, options.policy, options.feed.activities())) };
    }
    return cached.quads;
  };
  router.get('/catalog', async (req, res) => {
    const serializer = negotiate(req, GRAPH_SERIALIZERS);
    const body = await serializer.serialize(current(), CATALOG_PREFIXES);
    sendDocument(req, res, { body, mediaType: serializer.mediaType, cacheControl: 'public, max-age=60' });
  });
  return router;
}
