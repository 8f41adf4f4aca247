import type { VerbHandler } from './oai-context.js';
import { oaiError } from './oai-error.js';
import { visibleSets } from './oai-sets.js';
import { element } from './xml-text.js';

/**
 * ListSets (section 4.6): the organisations and datasets the channel publishes anything of.
 * The list is short and comes whole, so this repository never issues a token for it; with no
 * set to show, the repository has no set hierarchy at the moment (noSetHierarchy).
 */
export const listSets: VerbHandler = (args, context) => {
  if (args.resumptionToken !== undefined) {
    return { errors: [oaiError('badResumptionToken', 'ListSets answers in one response; this repository issues no resumptionToken for it.')] };
  }
  const sets = visibleSets(context.datasets.all(), context.view);
  if (sets.length === 0) return { errors: [oaiError('noSetHierarchy', 'This repository publishes no sets at the moment.')] };
  return {
    write: async (out) => {
      await out.write('<ListSets>\n');
      for (const set of sets) await out.write(`<set>${element('setSpec', set.spec)}${element('setName', set.name)}</set>\n`);
      await out.write('</ListSets>\n');
    },
  };
};
