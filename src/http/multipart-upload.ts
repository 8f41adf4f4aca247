import { createWriteStream, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../domain/errors.js';

/** An uploaded file as written into the upload's folder, with its own (cleaned) name. */
export interface UploadedFile {
  readonly path: string;
  readonly name: string;
}

/** A multipart upload as received: its fields, its one file, and the extra files allowed by field name. */
export interface Upload {
  readonly fields: Readonly<Record<string, string>>;
  readonly file: UploadedFile | undefined;
  readonly extraFiles: Readonly<Record<string, UploadedFile>>;
}

/** Throws UnsupportedMediaTypeError with `hint` unless the request is multipart/form-data. */
export function requireMultipart(req: Request, hint: string): void {
  if (!/^multipart\/form-data/i.test(req.get('content-type') ?? '')) throw new UnsupportedMediaTypeError(hint);
}

/**
 * Streams a multipart upload to `folder`: its fields, its one file, and files in the fields named
 * by `extraFiles` (each in a folder of its own). A second file, or one in a field not allowed, is
 * refused (400) rather than left unread. Stops reading as soon as a file passes `maxBytes` (413)
 * or `checkField` throws for a field (a mapping that does not exist), so a client does not send
 * gigabytes only to learn that; the error answer then closes the connection. The caller removes
 * the folder.
 */
export function receiveUpload(
  req: Request, folder: string, maxBytes: number, checkField: (name: string, value: string) => void = () => undefined, extraFiles: readonly string[] = [],
): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1 + extraFiles.length, fileSize: maxBytes, fields: 20, fieldSize: 1_000_000 } });
    } catch (error) {
      reject(new BadRequestError(`The upload cannot be read: ${(error as Error).message}`));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Upload['file'];
    const extras: Record<string, UploadedFile> = {};
    const writes: Array<Promise<void>> = [];
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
    parser.on('file', (field, stream, info) => {
      const extra = extraFiles.includes(field);
      if (extra ? extras[field] !== undefined : file !== undefined) {
        stream.resume();
        fail(new BadRequestError(`The form holds more than one file${extra ? ` in the field ${field}` : ''}; send one${extraFiles.length > 0 ? ` (and at most one in each of the fields ${extraFiles.join(', ')})` : ''}.`));
        return;
      }
      const into = extra ? join(folder, `field-${field}`) : folder;
      if (extra) mkdirSync(into, { recursive: true });
      // Stored under a name safe in a path; reported under the name the user gave it.
      const uploaded = { path: join(into, safeName(info.filename)), name: shownName(info.filename) };
      if (extra) extras[field] = uploaded;
      else file = uploaded;
      receiving = stream;
      stream.on('limit', () => {
        fail(new PayloadTooLargeError(maxBytes, 'The uploaded file', '--max-upload'));
      });
      const writing = pipeline(stream, createWriteStream(uploaded.path));
      writing.catch(() => undefined);
      writes.push(writing);
    });
    parser.on('filesLimit', () => {
      fail(new BadRequestError(`The form holds more files than the one expected${extraFiles.length > 0 ? ` and those in the fields ${extraFiles.join(', ')}` : ''}.`));
    });
    parser.on('error', (error) => {
      fail(new BadRequestError(`The upload cannot be read: ${(error as Error).message}`));
    });
    parser.on('close', () => {
      Promise.all(writes).then(() => {
        if (!failed) resolve({ fields, file, extraFiles: extras });
      }, (error: unknown) => {
        fail(error instanceof Error ? error : new Error(String(error)));
      });
    });
    req.pipe(parser);
  });
}

/** The uploaded file's name as reports show it: its own, less any folders and control characters. */
function shownName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const shown = basename((name ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(-200);
  return shown === '' ? 'upload' : shown;
}

/** The uploaded file's own name, reduced to characters safe in a path; its extension picks the reader. */
function safeName(name: string | undefined): string {
  const cleaned = basename(name ?? 'upload').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '').slice(-120);
  return cleaned === '' ? 'upload' : cleaned;
}
