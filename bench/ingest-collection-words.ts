/**
 * Word lists the synthetic collection spreadsheet draws from, besides the Flemish names and
 * places of `flemish-vocabulary.ts`: kinds of object with the makers, materials and techniques
 * that go with them, subjects, acquisitions, institutions and rights. Data only.
 */

/** A kind of object and what goes with it, so a row reads like a real collection record. */
export interface ObjectKind {
  /** The `objectnaam`, also a key of OBJECT_TYPES in flemish-vocabulary.ts. */
  readonly name: string;
  /** The maker's role (`rol`). */
  readonly role: string;
  readonly materials: readonly string[];
  readonly techniques: readonly string[];
  /** `eenheid` of the dimensions. */
  readonly unit: 'cm' | 'mm' | 'm';
  /** Height range in that unit. */
  readonly size: readonly [number, number];
  /** Whether a depth is measured (a three-dimensional object). */
  readonly solid: boolean;
  /** Whether the title reads like a picture's ("Portret van …") rather than a thing's. */
  readonly pictorial: boolean;
}

export const OBJECT_KINDS: readonly ObjectKind[] = [
  { name: 'schilderij', role: 'schilder', materials: ['olieverf', 'doek', 'paneel', 'gouache'], techniques: ['schilderen'], unit: 'cm', size: [20, 220], solid: false, pictorial: true },
  { name: 'tekening', role: 'tekenaar', materials: ['papier', 'houtskool', 'inkt', 'pastel', 'aquarel'], techniques: ['tekenen', 'aquarelleren'], unit: 'cm', size: [10, 80], solid: false, pictorial: true },
  { name: 'prent', role: 'graveur', materials: ['papier', 'inkt'], techniques: ['ets', 'gravure', 'houtsnede', 'lithografie'], unit: 'cm', size: [8, 60], solid: false, pictorial: true },
  { name: 'foto', role: 'fotograaf', materials: ['papier', 'glas'], techniques: ['zilvergelatinedruk', 'albuminedruk', 'collodiumprocedé'], unit: 'cm', size: [6, 50], solid: false, pictorial: true },
  { name: 'affiche', role: 'ontwerper', materials: ['papier'], techniques: ['lithografie', 'zeefdruk', 'offsetdruk'], unit: 'cm', size: [40, 160], solid: false, pictorial: true },
  { name: 'wandtapijt', role: 'wever', materials: ['wol', 'zijde', 'linnen'], techniques: ['weven'], unit: 'm', size: [1, 5], solid: false, pictorial: true },
  { name: 'beeldhouwwerk', role: 'beeldhouwer', materials: ['brons', 'marmer', 'terracotta', 'albast', 'eikenhout'], techniques: ['gieten', 'beeldhouwen', 'boetseren'], unit: 'cm', size: [15, 250], solid: true, pictorial: false },
  { name: 'retabel', role: 'beeldsnijder', materials: ['eikenhout', 'goud', 'olieverf'], techniques: ['snijden', 'vergulden', 'polychromeren'], unit: 'cm', size: [80, 400], solid: true, pictorial: false },
  { name: 'munt', role: 'muntmeester', materials: ['zilver', 'goud', 'koper'], techniques: ['slaan'], unit: 'mm', size: [12, 45], solid: false, pictorial: false },
  { name: 'penning', role: 'medailleur', materials: ['brons', 'zilver'], techniques: ['gieten', 'slaan'], unit: 'mm', size: [25, 90], solid: false, pictorial: false },
  { name: 'kandelaar', role: 'edelsmid', materials: ['zilver', 'tin', 'koper'], techniques: ['gieten', 'drijven'], unit: 'cm', size: [15, 70], solid: true, pictorial: false },
  { name: 'kelk', role: 'edelsmid', materials: ['zilver', 'goud'], techniques: ['drijven', 'graveren', 'vergulden'], unit: 'cm', size: [15, 30], solid: true, pictorial: false },
  { name: 'handschrift', role: 'kopiist', materials: ['perkament', 'inkt', 'goud'], techniques: ['schrijven', 'verluchten'], unit: 'cm', size: [15, 45], solid: true, pictorial: false },
  { name: 'boek', role: 'drukker', materials: ['papier', 'leder'], techniques: ['boekdruk', 'binden'], unit: 'cm', size: [10, 45], solid: true, pictorial: false },
  { name: 'kaart', role: 'cartograaf', materials: ['papier'], techniques: ['gravure', 'inkleuren'], unit: 'cm', size: [30, 120], solid: false, pictorial: false },
  { name: 'meubel', role: 'schrijnwerker', materials: ['eikenhout', 'leder', 'koper'], techniques: ['schrijnwerk', 'snijden'], unit: 'cm', size: [40, 250], solid: true, pictorial: false },
  { name: 'klok', role: 'uurwerkmaker', materials: ['koper', 'glas', 'eikenhout'], techniques: ['gieten', 'graveren'], unit: 'cm', size: [20, 220], solid: true, pictorial: false },
  { name: 'kostuum', role: 'kleermaker', materials: ['zijde', 'linnen', 'wol'], techniques: ['naaien', 'borduren'], unit: 'cm', size: [60, 160], solid: false, pictorial: false },
  { name: 'juweel', role: 'juwelier', materials: ['goud', 'zilver', 'glas'], techniques: ['zetten', 'emailleren'], unit: 'mm', size: [10, 80], solid: true, pictorial: false },
  { name: 'vaas', role: 'keramist', materials: ['aardewerk', 'porselein', 'steengoed', 'glas'], techniques: ['draaien', 'glazuren', 'beschilderen'], unit: 'cm', size: [10, 90], solid: true, pictorial: false },
];

export const SUBJECTS: readonly string[] = [
  'portret', 'landschap', 'stilleven', 'rivier', 'zee', 'stadsgezicht', 'interieur', 'religie', 'Maria', 'Christus',
  'heiligen', 'mythologie', 'dieren', 'bloemen', 'arbeid', 'feest', 'kinderen', 'oorlog', 'wereldtentoonstelling', 'Gent',
  'Antwerpen', 'Brugge', 'Schelde', 'Leie', 'begijnhof', 'kermis', 'visserij', 'textielnijverheid', 'haven', 'adel',
];

/** Decorations for the titles of things: "Vaas met blauw glazuur". */
export const DECORATIONS: readonly string[] = [
  'blauw glazuur', 'bloemmotief', 'wapenschild', 'gedreven versiering', 'gouden rand', 'leeuwenkoppen', 'rankwerk',
  'initialen', 'gegraveerd opschrift', 'medaillon',
];

/** The start of a free-text acquisition (`verwerving`); some are followed by a year. */
export const ACQUISITIONS: readonly string[] = [
  'aankoop', 'schenking', 'legaat', 'bruikleen van de Vlaamse Gemeenschap', 'overdracht door de stad', 'vondst', 'ruil',
];

/** Institutions (`instelling`) and the prefix of their inventory numbers. */
export const INSTITUTIONS: ReadonlyArray<{ readonly name: string; readonly code: string }> = [
  { name: 'Museum voor Schone Kunsten Gent', code: 'MSK' },
  { name: 'Koninklijk Museum voor Schone Kunsten Antwerpen', code: 'KMSKA' },
  { name: 'Museum Plantin-Moretus', code: 'MPM' },
  { name: 'Design Museum Gent', code: 'DMG' },
  { name: 'M Leuven', code: 'ML' },
  { name: 'Musea Brugge / Groeningemuseum', code: 'GRO' },
  { name: 'Huis van Alijn', code: 'HVA' },
  { name: 'STAM - Stadsmuseum Gent', code: 'STAM' },
  { name: 'Museum aan de Stroom', code: 'MAS' },
];

/** Rights statements (`licentie`), as absolute IRIs. */
export const PUBLIC_DOMAIN = 'http://creativecommons.org/publicdomain/mark/1.0/';
export const IN_COPYRIGHT = 'http://rightsstatements.org/vocab/InC/1.0/';
export const OTHER_RIGHTS: readonly string[] = [
  'https://creativecommons.org/licenses/by/4.0/', 'http://creativecommons.org/publicdomain/zero/1.0/',
  'http://rightsstatements.org/vocab/CNE/1.0/',
];

/** Phrases of a description (`beschrijving`): commas, quotes and semicolons as cataloguers write them. */
export const DESCRIPTION_OPENINGS: readonly string[] = [
  'Halffiguur, en face, tegen een donkere achtergrond.',
  'Gezicht vanaf de oever, met bomen, een roeiboot en enkele figuren.',
  'Gesigneerd rechtsonder',
  'Opschrift op de keerzijde',
  'Fragmentarisch bewaard; de rand is later aangevuld.',
  'Volgens de oude inventaris',
  'Afkomstig uit de verzameling van de familie',
  'Restauratie in',
];
