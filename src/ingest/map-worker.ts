/**
 * Worker thread entry of MapPool: maps, validates and canonicalises the chunks of items it is
 * sent, with its own pipeline and shapes, and answers each with the outcomes in plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../domain/errors.js';
import { ChunkMapper, type MapperSetup } from './chunk-mapper.js';
import type { MapWorkerReply, MapWorkerRequest } from './map-pool.js';
import { shapeValidators } from './shape-validators.js';

const port = parentPort;
if (!port) throw new Error('map-worker must run in a worker thread');

const failure = (error: unknown) => ({ message: (error as Error).message, app: error instanceof AppError });

ChunkMapper.open(workerData as MapperSetup, shapeValidators()).then(
  (mapper) => {
    port.on('message', (request: MapWorkerRequest) => {
      mapper.map(request.items).then(
        (chunk) => { port.postMessage({ type: 'mapped', id: request.id, chunk } satisfies MapWorkerReply); },
        (error: unknown) => { port.postMessage({ type: 'failed', id: request.id, error: failure(error) } satisfies MapWorkerReply); },
      );
    });
    port.postMessage({ type: 'ready' } satisfies MapWorkerReply);
  },
  (error: unknown) => { port.postMessage({ type: 'failed', error: failure(error) } satisfies MapWorkerReply); },
);
