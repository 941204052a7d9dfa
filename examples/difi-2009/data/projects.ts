import type { AwardedProjectSpec, LeadRef, Progress, Theme } from "./projectSpec.js";

/**
 * The 52 awarded projects of round 1.
 *
 * From the announcement: that there are 52, that they share 20 000 000 NOK exactly, that 145
 * municipalities, six county municipalities, five county governors and Statens kartverk take part,
 * that municipalities cover 80 % of the cost, and that Difi pays in 2009-2011. From the brief:
 * the largest grant, eBygg, 3 300 000 NOK for 33 municipalities. Everything else — the other 51
 * titles, who takes part in what, every other amount, how far each got — is illustrative: the
 * announcement links to the full list but does not reproduce it.
 */

interface ProjectInput {
  readonly key: string;
  readonly title: string;
  readonly summary: string;
  /** Defaults to the first municipality. */
  readonly lead?: LeadRef;
  readonly municipalities: readonly string[];
  readonly counties?: readonly string[];
  readonly countyGovernors?: readonly string[];
  readonly kartverket?: boolean;
  readonly awarded: number;
  /** Defaults to `awarded`: most got what they asked for. */
  readonly requested?: number;
  /** Defaults to five times the request: the grant covers at most 20 %, the municipalities the rest. */
  readonly totalCost?: number;
  readonly progress: Progress;
  readonly theme: Theme;
}

const project = (input: ProjectInput): AwardedProjectSpec => {
  const first = input.municipalities[0];
  const lead = input.lead ?? (first === undefined ? undefined : { kind: "municipality" as const, municipalityNo: first });
  if (lead === undefined) throw new RangeError(`project ${input.key} has no lead`);
  const requested = input.requested ?? input.awarded;
  return {
    key: input.key,
    title: input.title,
    summary: input.summary,
    lead,
    municipalities: input.municipalities,
    counties: input.counties ?? [],
    countyGovernors: input.countyGovernors ?? [],
    kartverket: input.kartverket ?? false,
    totalCostNok: input.totalCost ?? requested * 5,
    requestedNok: requested,
    awardedNok: input.awarded,
    progress: input.progress,
    theme: input.theme,
    provenance: { title: "illustrative", amount: "illustrative", participants: "illustrative" },
  };
};

/** eBygg: the largest grant. Its name, amount and number of municipalities are from the brief. */
const EBYGG: AwardedProjectSpec = {
  ...project({
    key: "ebygg",
    title: "eBygg",
    summary: "Electronic building applications (byggesøknad) and case handling, shared by 33 municipalities.",
    municipalities: [
      "1201", "0301", "1103", "1601", "1902", "1001", "0602", "0106", "0105", "0219", "0220",
      "0231", "0403", "0501", "0502", "0704", "0706", "0709", "0806", "0805", "0906", "1102",
      "1106", "1149", "1504", "1502", "1804", "1833", "1805", "1702", "1714", "2012", "1432",
    ],
    awarded: 3_300_000,
    progress: "completed",
    theme: "building",
  }),
  // Which 33 municipalities, and that Bergen leads, are illustrative; the count is not.
  provenance: { title: "brief", amount: "brief", participants: "illustrative" },
};

/** All 52, eBygg first. */
export const AWARDED_PROJECTS: readonly AwardedProjectSpec[] = [
  EBYGG,
  // Østfold
  project({ key: "innbyggerportal-nedre-glomma", title: "Felles innbyggerportal for Nedre Glomma", summary: "One self-service portal for three municipalities.", municipalities: ["0106", "0105", "0111"], awarded: 387_500, progress: "completed", theme: "self-service" }),
  project({ key: "barnehage-mosseregionen", title: "Elektronisk søknad om barnehageplass i Mosseregionen", summary: "Kindergarten applications and offers online.", municipalities: ["0104", "0136", "0135"], awarded: 300_000, progress: "completed", theme: "self-service" }),
  project({ key: "noark5-rakkestad-skiptvet", title: "Elektronisk arkiv etter Noark 5 i Rakkestad og Skiptvet", summary: "From paper to a shared electronic archive.", municipalities: ["0128", "0127"], awarded: 200_000, progress: "second-tranche", theme: "case-handling" }),
  project({ key: "sms-varsling-halden", title: "SMS-varsling til innbyggerne i Halden", summary: "Text-message alerts on water outages and road works.", municipalities: ["0101"], awarded: 150_000, progress: "completed", theme: "self-service" }),
  // Akershus
  project({ key: "follo-eskjema", title: "Felles elektronisk skjemaløsning i Follo", summary: "Shared electronic forms for six municipalities, linked to the case systems.", municipalities: ["0213", "0211", "0214", "0215", "0216", "0217"], awarded: 540_000, requested: 600_000, progress: "completed", theme: "self-service" }),
  project({ key: "baerum-min-side", title: "Min side for innbyggerne i Bærum", summary: "A personal page with one's cases, bills and appointments.", municipalities: ["0219"], awarded: 350_000, requested: 500_000, progress: "completed", theme: "self-service" }),
  project({ key: "planregister-vestviken", title: "Digitalt planregister i Asker, Lier og Drammen", summary: "Zoning plans as data, with Statens kartverk.", municipalities: ["0220", "0626", "0602"], kartverket: true, awarded: 400_000, progress: "completed", theme: "maps" }),
  project({ key: "plo-nedre-romerike", title: "Elektronisk samhandling i pleie og omsorg på Nedre Romerike", summary: "Care messages between municipal care services, GPs and hospital.", municipalities: ["0231", "0230", "0228", "0235"], awarded: 410_000, requested: 450_000, progress: "second-tranche", theme: "health" }),
  // Oslo
  project({ key: "oslo-selvbetjening", title: "Selvbetjening i bydelene i Oslo", summary: "Booking and applications in the city districts online.", municipalities: ["0301"], awarded: 420_000, requested: 800_000, totalCost: 4_500_000, progress: "first-tranche", theme: "self-service" }),
  // Hedmark
  project({ key: "hamarregionen-arkiv", title: "Felles postmottak og elektronisk arkiv i Hamarregionen", summary: "One electronic mail room for four municipalities.", municipalities: ["0403", "0412", "0417", "0415"], awarded: 400_000, progress: "completed", theme: "case-handling" }),
  project({ key: "hedmark-eskjema", title: "Elektroniske søknader i Glåmdal og Østerdalen", summary: "Applications for municipal services as electronic forms.", municipalities: ["0402", "0427", "0437"], awarded: 300_000, progress: "second-tranche", theme: "self-service" }),
  // Oppland
  project({ key: "gjovikregionen-kart", title: "Digitale kart for innbyggerne i Gjøvikregionen", summary: "Property and planning maps online, with Statens kartverk.", municipalities: ["0502", "0528", "0529"], kartverket: true, awarded: 350_000, progress: "completed", theme: "maps" }),
  project({ key: "hadeland-portal", title: "Felles selvbetjeningsportal for Hadeland", summary: "One portal for Gran and Lunner.", municipalities: ["0534", "0533"], awarded: 250_000, progress: "completed", theme: "self-service" }),
  project({ key: "overformynderi-lillehammer", title: "Elektronisk overformynderi i Lillehammer", summary: "Guardianship accounts reported and checked electronically, with the county governor.", municipalities: ["0501"], countyGovernors: ["05"], awarded: 200_000, progress: "completed", theme: "case-handling" }),
  // Buskerud
  project({ key: "drammen-efaktura", title: "Elektronisk faktura og innkjøp i Drammensregionen", summary: "E-invoicing for four municipalities.", municipalities: ["0602", "0625", "0624", "0626"], awarded: 350_000, progress: "completed", theme: "case-handling" }),
  project({ key: "kongsberg-chat", title: "Chat og selvbetjening i servicetorget i Kongsberg", summary: "Questions answered online during opening hours.", municipalities: ["0604"], awarded: 150_000, progress: "second-tranche", theme: "self-service" }),
  project({ key: "ringerike-skoleskyss", title: "Elektronisk søknad om skoleskyss og SFO i Ringerike", summary: "School transport and after-school care applied for online.", municipalities: ["0605"], awarded: 150_000, progress: "completed", theme: "self-service" }),
  // Vestfold: the county municipality leads
  project({ key: "vestfold-eskjema", title: "Felles elektroniske skjema for kommunene i Vestfold", summary: "One form service for eight municipalities, run with the county municipality.", lead: { kind: "county", countyNo: "07" }, counties: ["07"], municipalities: ["0704", "0701", "0706", "0709", "0722", "0723", "0720", "0719"], awarded: 612_500, requested: 700_000, progress: "completed", theme: "self-service" }),
  // Telemark
  project({ key: "grenland-plo", title: "Elektroniske PLO-meldinger i Grenland", summary: "Care messages between municipalities, GPs and hospital.", municipalities: ["0806", "0805", "0814"], awarded: 400_000, progress: "completed", theme: "health" }),
  project({ key: "notodden-tinn-byggesaksarkiv", title: "Digitalt byggesaksarkiv i Notodden og Tinn", summary: "Old building-case files scanned and searchable.", municipalities: ["0807", "0826"], awarded: 200_000, progress: "second-tranche", theme: "case-handling" }),
  // Aust-Agder
  project({ key: "ostre-agder-servicetorg", title: "Felles digitalt servicetorg i Østre Agder", summary: "A shared online service desk for five municipalities.", municipalities: ["0906", "0904", "0901", "0914", "0919"], awarded: 395_000, requested: 450_000, progress: "completed", theme: "self-service" }),
  project({ key: "lillesand-eiendomsskatt", title: "Innsyn i eiendomsskatt i Lillesand", summary: "Property-tax valuations and bills online.", municipalities: ["0926"], awarded: 100_000, progress: "completed", theme: "self-service" }),
  // Vest-Agder
  project({ key: "knutepunkt-sorlandet-bolig", title: "Elektronisk søknad om kommunal bolig i Knutepunkt Sørlandet", summary: "Housing applications online for four municipalities.", municipalities: ["1001", "1014", "1018", "1017"], awarded: 400_000, progress: "second-tranche", theme: "self-service" }),
  project({ key: "planinfo-mandal-flekkefjord", title: "Digital planinformasjon i Mandal og Flekkefjord", summary: "Plans and maps online, with Statens kartverk.", municipalities: ["1002", "1004"], kartverket: true, awarded: 250_000, progress: "completed", theme: "maps" }),
  // Rogaland
  project({ key: "stavangerregionen-altinn", title: "Elektroniske skjema og Altinn-integrasjon i Stavangerregionen", summary: "Forms to and from Altinn, with the county municipality.", municipalities: ["1103", "1102", "1124", "1127"], counties: ["11"], awarded: 525_000, requested: 600_000, progress: "completed", theme: "self-service" }),
  project({ key: "jaeren-dalane-fastlege", title: "Elektronisk samhandling med fastlegene på Jæren og i Dalane", summary: "Messages instead of fax between care services and GPs.", municipalities: ["1120", "1121", "1119", "1101"], awarded: 300_000, progress: "completed", theme: "health" }),
  project({ key: "haugalandet-kundesenter", title: "Felles kundesenter på nett for Haugesund og Karmøy", summary: "One online service centre for two municipalities.", municipalities: ["1106", "1149"], awarded: 300_000, progress: "second-tranche", theme: "self-service" }),
  project({ key: "strand-byggesaksinnsyn", title: "Innsyn i byggesaker i Strand", summary: "Applicants follow their building case online.", municipalities: ["1130"], awarded: 120_000, progress: "completed", theme: "building" }),
  // Hordaland
  project({ key: "bergen-min-side", title: "Min side i Bergen kommune", summary: "A personal page with one's cases and messages.", municipalities: ["1201"], awarded: 480_000, requested: 650_000, progress: "completed", theme: "self-service" }),
  project({ key: "vest-sakarkiv", title: "Felles sak/arkiv og eDialog i Vest-regionen", summary: "Shared case and archive system for Fjell, Askøy, Sund and Øygarden.", municipalities: ["1246", "1247", "1245", "1259"], awarded: 400_000, progress: "completed", theme: "case-handling" }),
  project({ key: "nordhordland-tjenester", title: "Digitale tjenester i Nordhordland", summary: "Forms and plan consultations online, with the county municipality and the county governor.", municipalities: ["1263", "1256", "1260", "1253"], counties: ["12"], countyGovernors: ["12"], awarded: 450_000, progress: "completed", theme: "case-handling" }),
  project({ key: "sunnhordland-helse", title: "Elektronisk samhandling i helse i Sunnhordland", summary: "Care messages between municipalities and Stord hospital.", municipalities: ["1221", "1219", "1224"], awarded: 350_000, progress: "second-tranche", theme: "health" }),
  project({ key: "hardanger-voss-landbruk", title: "Elektroniske landbruksskjema i Voss og Kvam", summary: "Agricultural applications online, with the county governor.", municipalities: ["1235", "1238"], countyGovernors: ["12"], awarded: 250_000, progress: "completed", theme: "self-service" }),
  // Sogn og Fjordane
  project({ key: "sunnfjord-plandialog", title: "Elektronisk plandialog med Fylkesmannen i Sogn og Fjordane", summary: "Zoning-plan consultations exchanged electronically.", municipalities: ["1432", "1401", "1439", "1449"], countyGovernors: ["14"], awarded: 350_000, progress: "completed", theme: "case-handling" }),
  project({ key: "sogn-tjenester", title: "Elektroniske tjenester i Sogndal og Luster", summary: "Applications for municipal services online.", municipalities: ["1420", "1426"], awarded: 200_000, progress: "first-tranche", theme: "self-service" }),
  // Møre og Romsdal
  project({ key: "alesundregionen-portal", title: "Felles innbyggerportal i Ålesundregionen", summary: "One portal for four municipalities.", municipalities: ["1504", "1531", "1532", "1528"], awarded: 370_000, requested: 450_000, progress: "completed", theme: "self-service" }),
  project({ key: "sore-sunnmore-postjournal", title: "Elektronisk arkiv og postjournal på nett på Søre Sunnmøre", summary: "Public mail journals online, with the county archive.", municipalities: ["1520", "1519", "1516", "1517"], counties: ["15"], awarded: 400_000, progress: "completed", theme: "case-handling" }),
  project({ key: "romsdal-skole-barnehage", title: "Elektroniske skjema for skole og barnehage i Molde og Rauma", summary: "School and kindergarten forms online.", municipalities: ["1502", "1539"], awarded: 250_000, progress: "second-tranche", theme: "self-service" }),
  // Sør-Trøndelag
  project({ key: "trondheim-helse-omsorg", title: "Elektronisk søknad om helse- og omsorgstjenester i Trondheim", summary: "Care applications online.", municipalities: ["1601"], awarded: 430_000, requested: 700_000, progress: "second-tranche", theme: "health" }),
  project({ key: "trondheimsregionen-kart", title: "Felles digitale kart og planer i Trondheimsregionen", summary: "Shared map and plan data, with the county municipality and Statens kartverk.", municipalities: ["1601", "1653", "1657", "1663", "1662", "1714", "1638"], counties: ["16"], kartverket: true, awarded: 560_000, requested: 600_000, progress: "completed", theme: "maps" }),
  project({ key: "roros-oppdal-naering", title: "Elektronisk næringsservice i Røros og Oppdal", summary: "Licences and permits for businesses online.", municipalities: ["1640", "1634"], awarded: 200_000, progress: "completed", theme: "self-service" }),
  // Nord-Trøndelag
  project({ key: "innherred-sak", title: "Felles elektronisk saksbehandling i Innherred samkommune", summary: "One case-handling flow for Levanger and Verdal.", municipalities: ["1719", "1721"], awarded: 300_000, progress: "completed", theme: "case-handling" }),
  project({ key: "varnesregionen-skjema", title: "Elektroniske skjema og fagsystemintegrasjon i Værnesregionen", summary: "Forms delivered straight into the case systems.", municipalities: ["1714", "1711", "1717"], awarded: 250_000, progress: "second-tranche", theme: "self-service" }),
  project({ key: "namsos-steinkjer-kulturskole", title: "Elektronisk påmelding til kulturskolen i Namsos og Steinkjer", summary: "Arts-school enrolment and waiting lists online.", municipalities: ["1703", "1702"], awarded: 150_000, progress: "completed", theme: "self-service" }),
  // Nordland
  project({ key: "salten-samhandling", title: "Digital samhandling i Salten", summary: "Electronic exchange between municipalities, the county municipality and the county governor.", municipalities: ["1804", "1841", "1840"], counties: ["18"], countyGovernors: ["18"], awarded: 450_000, progress: "completed", theme: "case-handling" }),
  project({ key: "helgeland-plo", title: "Elektronisk samhandling i pleie og omsorg på Helgeland", summary: "Care messages for Rana and Vefsn.", municipalities: ["1833", "1824"], awarded: 300_000, progress: "second-tranche", theme: "health" }),
  project({ key: "lofoten-vesteralen-kart", title: "Felles kartportal for Lofoten og Vesterålen", summary: "One map portal for four municipalities.", municipalities: ["1860", "1865", "1866", "1870"], awarded: 350_000, progress: "first-tranche", theme: "maps" }),
  // Troms
  project({ key: "midt-troms-arkiv", title: "Felles elektronisk arkiv og innsyn i Midt-Troms", summary: "Shared archive with public access, with the county governor.", municipalities: ["1931", "1924", "1922"], countyGovernors: ["19"], awarded: 300_000, progress: "completed", theme: "case-handling" }),
  project({ key: "tromso-nord-troms", title: "Elektroniske tjenester i Tromsø og omland", summary: "Shared self-service for Tromsø and three neighbours.", municipalities: ["1902", "1933", "1938", "1936"], awarded: 400_000, progress: "second-tranche", theme: "self-service" }),
  // Finnmark
  project({ key: "ost-finnmark-tjenester", title: "Felles digitale innbyggertjenester i Øst-Finnmark", summary: "Self-service for Vadsø, Sør-Varanger and Vardø.", municipalities: ["2003", "2030", "2002"], awarded: 300_000, progress: "first-tranche", theme: "self-service" }),
  project({ key: "vest-finnmark-helse", title: "Elektronisk samhandling i helse i Vest-Finnmark", summary: "Care messages for Hammerfest, Alta and Nordkapp.", municipalities: ["2004", "2012", "2019"], awarded: 300_000, progress: "completed", theme: "health" }),
];
