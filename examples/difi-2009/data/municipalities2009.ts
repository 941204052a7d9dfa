/**
 * The municipalities (kommuner) this demo uses, with their numbers and names as they were in
 * 2009. The numbers and names are real (Statistics Norway's 2009 division, before the 2012-2020
 * mergers); which of them took part in which project is illustrative.
 *
 * Municipalities whose number changed after 2009 (Harstad became 1903 in 2013, Inderøy 1756 in
 * 2012) or whose 2009 name is ambiguous or bilingual (the two Os, Våler, Bø; Snåase - Snåsa) are
 * left out on purpose, so that every number/name pair below holds for 2009 without a footnote.
 */

/** A municipality as it was in 2009: a four-digit number whose first two digits are its county. */
export interface Municipality2009 {
  readonly municipalityNo: string;
  readonly name: string;
}

const m = (municipalityNo: string, name: string): Municipality2009 => ({ municipalityNo, name });

/** 145 municipalities, in number order. */
export const MUNICIPALITIES_2009: readonly Municipality2009[] = [
  // 01 Østfold
  m("0101", "Halden"),
  m("0104", "Moss"),
  m("0105", "Sarpsborg"),
  m("0106", "Fredrikstad"),
  m("0111", "Hvaler"),
  m("0127", "Skiptvet"),
  m("0128", "Rakkestad"),
  m("0135", "Råde"),
  m("0136", "Rygge"),
  // 02 Akershus
  m("0211", "Vestby"),
  m("0213", "Ski"),
  m("0214", "Ås"),
  m("0215", "Frogn"),
  m("0216", "Nesodden"),
  m("0217", "Oppegård"),
  m("0219", "Bærum"),
  m("0220", "Asker"),
  m("0228", "Rælingen"),
  m("0230", "Lørenskog"),
  m("0231", "Skedsmo"),
  m("0235", "Ullensaker"),
  // 03 Oslo
  m("0301", "Oslo"),
  // 04 Hedmark
  m("0402", "Kongsvinger"),
  m("0403", "Hamar"),
  m("0412", "Ringsaker"),
  m("0415", "Løten"),
  m("0417", "Stange"),
  m("0427", "Elverum"),
  m("0437", "Tynset"),
  // 05 Oppland
  m("0501", "Lillehammer"),
  m("0502", "Gjøvik"),
  m("0528", "Østre Toten"),
  m("0529", "Vestre Toten"),
  m("0533", "Lunner"),
  m("0534", "Gran"),
  // 06 Buskerud
  m("0602", "Drammen"),
  m("0604", "Kongsberg"),
  m("0605", "Ringerike"),
  m("0624", "Øvre Eiker"),
  m("0625", "Nedre Eiker"),
  m("0626", "Lier"),
  // 07 Vestfold
  m("0701", "Horten"),
  m("0704", "Tønsberg"),
  m("0706", "Sandefjord"),
  m("0709", "Larvik"),
  m("0719", "Andebu"),
  m("0720", "Stokke"),
  m("0722", "Nøtterøy"),
  m("0723", "Tjøme"),
  // 08 Telemark
  m("0805", "Porsgrunn"),
  m("0806", "Skien"),
  m("0807", "Notodden"),
  m("0814", "Bamble"),
  m("0826", "Tinn"),
  // 09 Aust-Agder
  m("0901", "Risør"),
  m("0904", "Grimstad"),
  m("0906", "Arendal"),
  m("0914", "Tvedestrand"),
  m("0919", "Froland"),
  m("0926", "Lillesand"),
  // 10 Vest-Agder
  m("1001", "Kristiansand"),
  m("1002", "Mandal"),
  m("1004", "Flekkefjord"),
  m("1014", "Vennesla"),
  m("1017", "Songdalen"),
  m("1018", "Søgne"),
  // 11 Rogaland (Sandnes was 1102 until 2020)
  m("1101", "Eigersund"),
  m("1102", "Sandnes"),
  m("1103", "Stavanger"),
  m("1106", "Haugesund"),
  m("1119", "Hå"),
  m("1120", "Klepp"),
  m("1121", "Time"),
  m("1124", "Sola"),
  m("1127", "Randaberg"),
  m("1130", "Strand"),
  m("1149", "Karmøy"),
  // 12 Hordaland
  m("1201", "Bergen"),
  m("1219", "Bømlo"),
  m("1221", "Stord"),
  m("1224", "Kvinnherad"),
  m("1235", "Voss"),
  m("1238", "Kvam"),
  m("1245", "Sund"),
  m("1246", "Fjell"),
  m("1247", "Askøy"),
  m("1253", "Osterøy"),
  m("1256", "Meland"),
  m("1259", "Øygarden"),
  m("1260", "Radøy"),
  m("1263", "Lindås"),
  // 14 Sogn og Fjordane
  m("1401", "Flora"),
  m("1420", "Sogndal"),
  m("1426", "Luster"),
  m("1432", "Førde"),
  m("1439", "Vågsøy"),
  m("1449", "Stryn"),
  // 15 Møre og Romsdal
  m("1502", "Molde"),
  m("1504", "Ålesund"),
  m("1516", "Ulstein"),
  m("1517", "Hareid"),
  m("1519", "Volda"),
  m("1520", "Ørsta"),
  m("1528", "Sykkylven"),
  m("1531", "Sula"),
  m("1532", "Giske"),
  m("1539", "Rauma"),
  // 16 Sør-Trøndelag
  m("1601", "Trondheim"),
  m("1634", "Oppdal"),
  m("1638", "Orkdal"),
  m("1640", "Røros"),
  m("1653", "Melhus"),
  m("1657", "Skaun"),
  m("1662", "Klæbu"),
  m("1663", "Malvik"),
  // 17 Nord-Trøndelag
  m("1702", "Steinkjer"),
  m("1703", "Namsos"),
  m("1711", "Meråker"),
  m("1714", "Stjørdal"),
  m("1717", "Frosta"),
  m("1719", "Levanger"),
  m("1721", "Verdal"),
  // 18 Nordland
  m("1804", "Bodø"),
  m("1805", "Narvik"),
  m("1824", "Vefsn"),
  m("1833", "Rana"),
  m("1840", "Saltdal"),
  m("1841", "Fauske"),
  m("1860", "Vestvågøy"),
  m("1865", "Vågan"),
  m("1866", "Hadsel"),
  m("1870", "Sortland"),
  // 19 Troms
  m("1902", "Tromsø"),
  m("1922", "Bardu"),
  m("1924", "Målselv"),
  m("1931", "Lenvik"),
  m("1933", "Balsfjord"),
  m("1936", "Karlsøy"),
  m("1938", "Lyngen"),
  // 20 Finnmark
  m("2002", "Vardø"),
  m("2003", "Vadsø"),
  m("2004", "Hammerfest"),
  m("2012", "Alta"),
  m("2019", "Nordkapp"),
  m("2030", "Sør-Varanger"),
];

const byNumber = new Map(MUNICIPALITIES_2009.map((municipality) => [municipality.municipalityNo, municipality]));

/** The municipality with this 2009 number; throws on one the demo does not list (a typo in the data). */
export const municipality2009 = (municipalityNo: string): Municipality2009 => {
  const found = byNumber.get(municipalityNo);
  if (found === undefined) throw new RangeError(`municipality ${municipalityNo} is not in the demo's 2009 list`);
  return found;
};
