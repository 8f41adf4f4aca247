/** `npm run contexts`: writes the JSON-LD contexts that are derived from shipped shapes into vocabularies/contexts/. */
import { writeBasisregistratieContext } from './oslo-basisregistratie-context.js';

console.log(`wrote ${writeBasisregistratieContext()}`);
