/**
 * The row id of a label in the term index carries what ranking needs, so that a search ranks and
 * counts from the full-text index alone, without reading a label row per match (at a million
 * labels that read was most of a search's time). From the high bits down:
 *
 * | bits | field |
 * |---|---|
 * | 10 | the list's number (`datasets.no`) |
 * | 2 | kind: 0 prefLabel, 1 altLabel, 2 hiddenLabel |
 * | 10 | the language's number (`languages.code`) |
 * | 7 | the folded label's length, at most 127 |
 * | 6 | a number that tells apart a concept's labels equal in all of the above |
 * | 28 | the concept's id |
 *
 * 63 bits: a positive 64-bit SQLite integer. The concept is in the low bits because FTS5 stores
 * the gaps between the row ids of a word's matches: with the concept high, every gap spanned a
 * concept's 25 bits of slot and the search tables took twice the space and time to build. The
 * middle 25 bits (the slot) are computed here; the list and concept are added in SQL, so
 * JavaScript never handles a row id beyond 2^53.
 */
export const LABEL_ID = {
  listShift: 53,
  slotShift: 28,
  kindShift: 23,
  languageShift: 13,
  lengthShift: 6,
  /** Most lists (numbers 1..1023) an index numbers at once. */
  maxLists: 1023,
  /** Highest concept id a label id can hold. */
  maxConcept: 2 ** 28 - 1,
  /** Language numbers 1..1022 are a language each; 1023 is shared by any beyond. */
  sharedLanguage: 1023,
  maxLength: 127,
  maxOrdinal: 63,
} as const;

const slotBit = (shift: number) => LABEL_ID.slotShift + shift;

/** In SQL, from a label's row id `r`: its list number, concept id, kind, language number and length. */
export const LABEL_SQL = {
  list: (r: string) => `(${r} >> ${LABEL_ID.listShift})`,
  concept: (r: string) => `(${r} & ${LABEL_ID.maxConcept})`,
  kind: (r: string) => `((${r} >> ${slotBit(LABEL_ID.kindShift)}) & 3)`,
  language: (r: string) => `((${r} >> ${slotBit(LABEL_ID.languageShift)}) & 1023)`,
  length: (r: string) => `((${r} >> ${slotBit(LABEL_ID.lengthShift)}) & ${LABEL_ID.maxLength})`,
  /** Whether `r` is a label of the list numbered `list` (an SQL expression): a range of row ids. */
  inList: (r: string, list: string) => `${r} BETWEEN (${list} << ${LABEL_ID.listShift}) AND ((${list} << ${LABEL_ID.listShift}) | ${2 ** LABEL_ID.listShift - 1})`,
  slot: (r: string) => `((${r} >> ${LABEL_ID.slotShift}) & ${2 ** (LABEL_ID.listShift - LABEL_ID.slotShift) - 1})`,
  /** A label's row id, from its list number, concept id and slot (SQL expressions). */
  id: (list: string, concept: string, slot: string) => `(${list} << ${LABEL_ID.listShift}) | (${slot} << ${LABEL_ID.slotShift}) | ${concept}`,
};

/** A label of a concept, ready to insert: its slot (the middle 25 bits of its row id) and columns. */
export type SlottedLabel = readonly [slot: number, language: string, label: string, norm: string];

/**
 * Gives each label of one concept its slot, from its kind, language number (`code`) and folded
 * text (`norm`). Labels equal in kind, language and length are numbered in the order given.
 * Past 64 of them, the next ones take the nearest length with a number free, longer first: they
 * then rank as a little longer (or shorter) than they are. A concept can hold 8,192 labels of
 * one kind and language (128 lengths of 64); labels beyond that are left out of the search,
 * not the concept, so that no record can stop the index from following the log.
 */
export function slotLabels(labels: ReadonlyArray<{ readonly kind: number; readonly code: number; readonly language: string; readonly label: string; readonly norm: string }>): SlottedLabel[] {
  const used = new Map<number, number>();
  return labels.flatMap(({ kind, code, language, label, norm }) => {
    const length = Math.min(norm.length, LABEL_ID.maxLength);
    for (const candidate of lengthsFrom(length)) {
      const base = (kind << LABEL_ID.kindShift) | (code << LABEL_ID.languageShift) | (candidate << LABEL_ID.lengthShift);
      const ordinal = used.get(base) ?? 0;
      if (ordinal <= LABEL_ID.maxOrdinal) {
        used.set(base, ordinal + 1);
        return [[base | ordinal, language, label, norm] as const];
      }
    }
    return [];
  });
}

/** `length`, then the longer lengths, then the shorter ones. */
function* lengthsFrom(length: number): Generator<number> {
  for (let longer = length; longer <= LABEL_ID.maxLength; longer++) yield longer;
  for (let shorter = length - 1; shorter >= 0; shorter--) yield shorter;
}
