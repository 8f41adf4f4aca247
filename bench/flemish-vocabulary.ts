/**
 * Word lists the synthetic heritage dataset draws from: Flemish names, municipalities and the
 * Dutch terms a heritage collection uses. Data only; the generator decides how they combine.
 */

export const FIRST_NAMES: readonly string[] = [
  'Jan', 'Pieter', 'Karel', 'Frans', 'Jozef', 'Emiel', 'Gustaaf', 'Constant', 'Leon', 'Theo',
  'Rik', 'Jef', 'Wouter', 'Lieven', 'Joost', 'Hendrik', 'Maurits', 'Cyriel', 'Achiel', 'Valerius',
  'Anna', 'Maria', 'Elisabeth', 'Jeanne', 'Marguerite', 'Alice', 'Anna-Maria', 'Hélène', 'Louise', 'Rosa',
  'Clara', 'Godelieve', 'Mathilde', 'Bertha', 'Leontine', 'Irma', 'Martha', 'Margriet', 'Eline', 'Zoë',
];

export const SURNAMES: readonly string[] = [
  'Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet',
  'Dubois', 'Hermans', 'Aerts', 'Lambrechts', 'Van den Broeck', 'De Backer', 'Vermeulen', 'Van Damme', 'Verhoeven', 'Desmet',
  'Permeke', 'Ensor', 'Van de Woestyne', 'Minne', 'Claus', 'Khnopff', 'Rubens', 'Jordaens', 'Van Eyck', 'Memling',
  'De Cock', "D'Hondt", 'Van Rysselberghe', 'Smits', 'Vanderhaeghen', 'Van Hecke', 'Coppens', 'Verbeke', 'De Vos', 'Segers',
];

/** More than the 200 places the dataset holds, so every place has its own name. */
export const MUNICIPALITIES: readonly string[] = [
  'Gent', 'Brugge', 'Antwerpen', 'Leuven', 'Mechelen', 'Kortrijk', 'Oostende', 'Hasselt', 'Aalst', 'Sint-Niklaas',
  'Roeselare', 'Ieper', 'Genk', 'Turnhout', 'Lier', 'Dendermonde', 'Oudenaarde', 'Tienen', 'Tongeren', 'Diest',
  'Aalter', 'Aarschot', 'Aartselaar', 'Affligem', 'Alken', 'Alveringem', 'Anzegem', 'Ardooie', 'Arendonk', 'Asse',
  'Assenede', 'Avelgem', 'Baarle-Hertog', 'Balen', 'Beernem', 'Beerse', 'Beersel', 'Bekkevoort', 'Beringen', 'Berlaar',
  'Berlare', 'Bertem', 'Bever', 'Beveren', 'Bierbeek', 'Bilzen', 'Blankenberge', 'Bocholt', 'Boechout', 'Bonheiden',
  'Boom', 'Borgloon', 'Bornem', 'Borsbeek', 'Boutersem', 'Brakel', 'Brasschaat', 'Brecht', 'Bredene', 'Bree',
  'Buggenhout', 'Damme', 'De Haan', 'De Panne', 'De Pinte', 'Deerlijk', 'Deinze', 'Denderleeuw', 'Dentergem', 'Dessel',
  'Destelbergen', 'Diepenbeek', 'Diksmuide', 'Dilbeek', 'Drogenbos', 'Duffel', 'Edegem', 'Eeklo', 'Erpe-Mere', 'Essen',
  'Evergem', 'Galmaarden', 'Gavere', 'Geel', 'Geetbets', 'Geraardsbergen', 'Gingelom', 'Gistel', 'Glabbeek', 'Gooik',
  'Grimbergen', 'Grobbendonk', 'Haacht', 'Haaltert', 'Halen', 'Halle', 'Hamme', 'Harelbeke', 'Heers', 'Heist-op-den-Berg',
  'Hemiksem', 'Herent', 'Herentals', 'Herenthout', 'Herk-de-Stad', 'Herne', 'Herselt', 'Herstappe', 'Herzele', 'Heusden-Zolder',
  'Heuvelland', 'Hoeilaart', 'Hoeselt', 'Holsbeek', 'Hooglede', 'Hoogstraten', 'Horebeke', 'Houthulst', 'Hove', 'Huldenberg',
  'Hulshout', 'Ichtegem', 'Ingelmunster', 'Izegem', 'Jabbeke', 'Kalmthout', 'Kampenhout', 'Kapellen', 'Kapelle-op-den-Bos', 'Kaprijke',
  'Kasterlee', 'Keerbergen', 'Kinrooi', 'Knokke-Heist', 'Koekelare', 'Koksijde', 'Kontich', 'Kortemark', 'Kortenaken', 'Kortenberg',
  'Kortessem', 'Kraainem', 'Kruibeke', 'Kruisem', 'Kuurne', 'Laakdal', 'Laarne', 'Lanaken', 'Landen', 'Lebbeke',
  'Lede', 'Ledegem', 'Lendelede', 'Lennik', 'Leopoldsburg', 'Lichtervelde', 'Liedekerke', 'Lierde', 'Lille', 'Linkebeek',
  'Lint', 'Linter', 'Lochristi', 'Lokeren', 'Lommel', 'Londerzeel', 'Lo-Reninge', 'Lubbeek', 'Lummen', 'Maarkedal',
  'Maaseik', 'Maasmechelen', 'Machelen', 'Maldegem', 'Malle', 'Meerhout', 'Meise', 'Melle', 'Menen', 'Merchtem',
  'Merelbeke', 'Merksplas', 'Mesen', 'Meulebeke', 'Middelkerke', 'Moerbeke', 'Mol', 'Moorslede', 'Mortsel', 'Nazareth',
  'Niel', 'Nieuwerkerken', 'Nieuwpoort', 'Nijlen', 'Ninove', 'Olen', 'Oosterzele', 'Oostkamp', 'Opwijk', 'Oudenburg',
  'Oud-Heverlee', 'Oud-Turnhout', 'Overijse', 'Peer', 'Pepingen', 'Pittem', 'Poperinge', 'Putte', 'Ranst', 'Ravels',
  'Retie', 'Riemst', 'Rijkevorsel', 'Ronse', 'Roosdaal', 'Rotselaar', 'Ruiselede', 'Rumst', 'Schelle', 'Schilde',
];

export const MATERIALS: readonly string[] = [
  'olieverf', 'doek', 'paneel', 'eikenhout', 'brons', 'marmer', 'terracotta', 'papier', 'perkament', 'houtskool',
  'aquarel', 'gouache', 'pastel', 'inkt', 'zilver', 'goud', 'tin', 'koper', 'ijzer', 'glas',
  'aardewerk', 'porselein', 'steengoed', 'zijde', 'wol', 'linnen', 'ivoor', 'been', 'leder', 'albast',
];

export const OBJECT_TYPES: readonly string[] = [
  'schilderij', 'tekening', 'prent', 'beeldhouwwerk', 'foto', 'affiche', 'wandtapijt', 'retabel', 'munt', 'penning',
  'kandelaar', 'kelk', 'handschrift', 'boek', 'kaart', 'meubel', 'klok', 'kostuum', 'juweel', 'vaas',
];

export const QUALIFIERS: readonly string[] = [
  'fijn', 'grof', 'gepatineerd', 'vergulde', 'beschilderd', 'gegraveerd', 'gelakt', 'gebrand', 'geweven', 'geperst',
];

export const STILL_LIFE_THINGS: readonly string[] = [
  'vissen', 'bloemen', 'vruchten', 'oesters', 'een schedel', 'kaas en brood', 'wild', 'een kan', 'tulpen', 'citroenen',
];

export const SCENES: readonly string[] = [
  'de Leie', 'het Belfort', 'de Schelde', 'het Begijnhof', 'de Grote Markt', 'de haven', 'de kathedraal', 'de vismarkt',
  'het strand', 'de polders',
];

export const NOTE_PHRASES: readonly string[] = [
  'Aangekocht op een veiling', 'Schenking van de familie', 'Legaat', 'In bruikleen van de Vlaamse Gemeenschap',
  'Overgedragen door de stad', 'Teruggevonden op zolder', 'Gerestaureerd', 'Tentoongesteld',
];
