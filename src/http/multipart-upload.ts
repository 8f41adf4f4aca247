import { createWriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../domain/errors.js';

/** A multipart upload as received: its fields, and its one file (written into a folder). */
export interface Upload {
  readonly fields: Readonly<Record<string, string>>;
  readonly file: { readonly path: string; readonly name: string } | undefined;
}

/** Throws UnsupportedMediaTypeError with `hint` unless the request is multipart/form-data. */
export function requireMultipart(req: Request, hint: string): void {
  if (!/^multipart\/form-data/i.test(req.get('content-type') ?? '')) throw new UnsupportedMediaTypeError(hint);
}

/**
 * Streams a multipart upload to `folder`: its fields, and its one file. Stops reading as soon as
 * the file passes `maxBytes` (413) or `checkField` throws for a field (a mapping that does not
 * exist), so a client does not send gigabytes only to learn that; the error answer then closes
 * the connection. The caller removes the folder.
 */
export function receiveUpload(req: Request, folder: string, maxBytes: number, checkField: (name: string, value: string) => void = () => undefined): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 1_000_000 } });
    } catch (error) {
      reject(new BadRequestError(`The upload cannot be read: ${(error as Error).message}`));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Upload['file'];
    let writing: Promise<void> = Promise.resolve();
    let failed = false;
    let receiving: Readable | undefined;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      // Ends the file being written, so its handle closes.
      receiving?.destroy();
      reject(error);
    };
    parser.on('field', (name, value) => {
      fields[name] = value;
      try {
        checkField(name, value);
      } catch (error) {
        fail(error as Error);
      }
    });
    parser.on('file', (_field, stream, info) => {
      const name = safeName(info.filename);
      const path = join(folder, name);
      file = { path, name };
      receiving = stream;
      stream.on('limit', () => {
        fail(new PayloadTooLargeError(maxBytes, 'The uploaded file', '--max-upload'));
      });
      writing = pipeline(stream, createWriteStream(path));
      writing.catch(() => undefined);
    });
    parser.on('error', (error) => {
      fail(new BadRequestError(`The upload cannot be read: ${(error as Error).message}`));
    });
    parser.on('close', () => {
      writing.then(() => {
        if (!failed) resolve({ fields, file });
      }, (error: unknown) => {
        fail(error instanceof Error ? error : new Error(String(error)));
      });
    });
    req.pipe(parser);
  });
}

/** The uploaded file's own name, reduced to characters safe in a path; its extension picks the reader. */
function safeName(name: string | undefined): string {
  const cleaned = basename(name ?? 'upload').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '').slice(-120);
  return cleaned === '' ? 'upload' : cleaned;
}
