import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';
import { SPARQL_EDITOR_SCRIPT } from '../web/sparql-editor-page.js';

/** Static assets of the web pages: YASGUI from its npm package, and the editor's start-up script. */
export function assetsRouter(): Router {
  const router = Router();
  const yasguiBuild = dirname(createRequire(import.meta.url).resolve('@zazuko/yasgui'));
  router.use('/assets/yasgui', express.static(yasguiBuild, { maxAge: '1d', index: false }));
  router.get('/assets/sparql-editor.js', (_req, res) => {
    res.type('text/javascript').set('Cache-Control', 'public, max-age=3600').send(SPARQL_EDITOR_SCRIPT);
  });
  return router;
}
