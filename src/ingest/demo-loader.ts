import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { parsePolicy } from '../domain/publication-policy.js';
import type { AccessStore } from '../ports/access-store.js';
import type { RecordStore } from '../ports/record-store.js';
import { packageRoot } from '../paths.js';
import { loadRdfFiles } from './rdf-loader.js';

const manifestSchema = z.object({
  organisations: z.array(z.object({ id: z.string(), name: z.string() })),
  datasets: z.array(z.object({
    id: z.string(), organisation: z.string(), title: z.string(), files: z.array(z.string()).min(1),
    /** The dataset's publication policy, as `PUT /api/datasets/{id}/policy` takes it; `open` when omitted. */
    policy: z.unknown().optional(),
  })),
});

/** Where the demo data lives: fixtures/demo/ with its manifest demo.json. */
export function demoDirectory(): string {
  return join(packageRoot(), 'fixtures', 'demo');
}

/** Loads the demo organisations, datasets (with their policies) and records (fixtures/demo/demo.json). */
export async function loadDemo(store: RecordStore, access: AccessStore, baseIri: string, logger: Logger): Promise<number> {
  const dir = demoDirectory();
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8')));
  for (const organisation of manifest.organisations) store.ensureOrganisation(organisation.id, organisation.name);
  let records = 0;
  for (const dataset of manifest.datasets) {
    store.ensureDataset(dataset.id, { organisation: dataset.organisation, title: dataset.title });
    if (dataset.policy !== undefined) {
      access.setPolicy(dataset.id, parsePolicy(dataset.policy), { actor: 'demo', action: 'policy.set', target: dataset.id, details: { source: 'fixtures/demo/demo.json' } });
    }
    const summary = await loadRdfFiles(store, dataset.files.map((file) => join(dir, file)), {
      dataset: dataset.id, baseIri, batchSize: 1000,
    });
    records += summary.records;
  }
  logger.info({ records, datasets: manifest.datasets.length }, 'loaded the demo data');
  return records;
}
