import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * Sends a document with a digest of it as its ETag, or 304 when the client holds that version.
 * The answer varies by Accept only: these resources show the public view to everyone.
 */
export function sendDocument(req: Request, res: Response, document: { body: string; mediaType: string; cacheControl: string }): void {
  res.setHeader('Vary', 'Accept');
  res.setHeader('Cache-Control', document.cacheControl);
  res.setHeader('ETag', `"${createHash('sha256').update(document.body).digest('base64url').slice(0, 27)}"`);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', `${document.mediaType}; charset=utf-8`);
  res.end(document.body);
}
