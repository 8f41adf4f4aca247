import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a worker thread from a module next to the caller. From compiled code this is the `.js`
 * file; when the caller itself runs as TypeScript (tests), the worker is started through tsx,
 * because Node 20 does not apply `--import` hooks to a worker's entry module.
 */
export function spawnWorker(callerUrl: string, moduleName: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits === undefined ? {} : { resourceLimits };
  if (callerUrl.endsWith('.ts')) {
    const target = new URL(`./${moduleName}.ts`, callerUrl).href;
    const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); });`;
    return new Worker(bootstrap, { eval: true, workerData, ...limits });
  }
  return new Worker(new URL(`./${moduleName}.js`, callerUrl), { workerData, ...limits });
}
