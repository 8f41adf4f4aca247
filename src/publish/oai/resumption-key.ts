import { randomBytes } from 'node:crypto';
import type { RecordStore } from '../../ports/record-store.js';

/** The settings key of the secret that signs resumption tokens. */
export const RESUMPTION_KEY_SETTING = 'oai_resumption_key';

/**
 * The key that signs resumption tokens, kept in the data dir's settings so tokens outlive a
 * restart and every server of the data dir accepts them; made (256 random bits) on first use.
 * Should two processes make it at the same moment, the later write wins and tokens signed with
 * the other key answer badResumptionToken, after which the harvester starts again.
 */
export function resumptionKey(settings: Pick<RecordStore, 'getSetting' | 'setSetting'>): Buffer {
  const stored = settings.getSetting(RESUMPTION_KEY_SETTING);
  if (stored !== undefined) return Buffer.from(stored, 'base64url');
  settings.setSetting(RESUMPTION_KEY_SETTING, randomBytes(32).toString('base64url'));
  return Buffer.from(settings.getSetting(RESUMPTION_KEY_SETTING) ?? '', 'base64url');
}
