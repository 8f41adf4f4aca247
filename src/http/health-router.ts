import { Router } from 'express';
import type { RecordStore } from '../ports/record-store.js';
import type { TripleStore } from '../ports/triple-store.js';

/** Liveness (`/health`) and readiness (`/ready`: 200 once the index has caught up with the change log). */
export function healthRouter(records: RecordStore, index: TripleStore): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/ready', (_req, res) => {
    const status = index.status();
    const head = records.head();
    res.set('Cache-Control', 'no-store').status(status.ready ? 200 : 503).json({
      status: status.ready ? 'ready' : 'not-ready',
      changeLogHead: head,
      indexHead: status.appliedHead,
      replicas: status.replicas,
    });
  });
  return router;
}
