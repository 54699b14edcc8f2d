/**
 * The agency offices (代办处) of the demo offices. Districts and counties carry their GB/T 2260 code and the
 * 2020 census population (10k people), which sets how many units each gets; the nine central districts
 * (主城) count double because employers concentrate there.
 */
export type AgencyKind = 'district' | 'industry' | 'direct';

/** Which mix of unit kinds an agency's members are drawn from (see unit-templates.ts). */
export type Profile =
  | 'district'
  | 'education'
  | 'health'
  | 'transport'
  | 'construction'
  | 'finance'
  | 'postal'
  | 'machinery'
  | 'energy'
  | 'commerce'
  | 'agriculture'
  | 'defence'
  | 'direct';

export interface AgencySpec {
  code: string;
  name: string;
  kind: AgencyKind;
  /** GB/T 2260 code; null for zones that are not administrative divisions (两江新区). */
  regionCode: string | null;
  /** Relative share of the office's units. */
  weight: number;
  profile: Profile;
  /** Place prefix in unit names. */
  place: string;
  /** Address codes its members' ID numbers come from (the district itself, or a zone's host districts). */
  homeRegions: readonly string[];
}

const CENTRAL = new Set(['500103', '500104', '500105', '500106', '500107', '500108', '500109', '500112', '500113']);

// [code, name, population in 10k]
const CQ_DIVISIONS: readonly [string, string, number][] = [
  ['500101', '万州区', 156.4],
  ['500102', '涪陵区', 111.5],
  ['500103', '渝中区', 58.9],
  ['500104', '大渡口区', 42.1],
  ['500105', '江北区', 92.6],
  ['500106', '沙坪坝区', 147.9],
  ['500107', '九龙坡区', 152.7],
  ['500108', '南岸区', 119.8],
  ['500109', '北碚区', 83.4],
  ['500110', '綦江区', 75.2],
  ['500111', '大足区', 83.5],
  ['500112', '渝北区', 219.2],
  ['500113', '巴南区', 117.9],
  ['500114', '黔江区', 48.7],
  ['500115', '长寿区', 69.4],
  ['500116', '江津区', 135.9],
  ['500117', '合川区', 124.5],
  ['500118', '永川区', 114.9],
  ['500119', '南川区', 57.2],
  ['500120', '璧山区', 76.2],
  ['500151', '铜梁区', 68.6],
  ['500152', '潼南区', 68.8],
  ['500153', '荣昌区', 67.0],
  ['500154', '开州区', 120.3],
  ['500155', '梁平区', 64.6],
  ['500156', '武隆区', 35.7],
  ['500229', '城口县', 19.8],
  ['500230', '丰都县', 55.7],
  ['500231', '垫江县', 65.0],
  ['500233', '忠县', 72.1],
  ['500235', '云阳县', 92.9],
  ['500236', '奉节县', 74.5],
  ['500237', '巫山县', 46.3],
  ['500238', '巫溪县', 38.8],
  ['500240', '石柱土家族自治县', 38.9],
  ['500241', '秀山土家族苗族自治县', 50.2],
  ['500242', '酉阳土家族苗族自治县', 60.8],
  ['500243', '彭水苗族土家族自治县', 49.4],
];

/** Every Chongqing address code with its population: where members of city-wide agencies were born. */
export const chongqingRegions = CQ_DIVISIONS.map(([code, , pop]) => ({ code, weight: pop }));

const districtAgencies: AgencySpec[] = CQ_DIVISIONS.map(([code, name, pop]) => ({
  code: `D${code}`,
  name,
  kind: 'district',
  regionCode: code,
  weight: CENTRAL.has(code) ? pop * 2 : pop,
  profile: 'district',
  place: name,
  homeRegions: [code],
}));

// Economic zones run their own union offices; they have no GB/T 2260 code of their own.
const zoneAgencies: AgencySpec[] = [
  {
    code: 'DWSJK',
    name: '万盛经济技术开发区',
    kind: 'district',
    regionCode: null,
    weight: 26,
    profile: 'district',
    place: '万盛经开区',
    homeRegions: ['500110'],
  },
  {
    code: 'DLJXQ',
    name: '两江新区',
    kind: 'district',
    regionCode: null,
    weight: 160,
    profile: 'district',
    place: '两江新区',
    homeRegions: ['500112', '500105', '500109'],
  },
];

const industry = (n: number, name: string, profile: Profile, weight: number): AgencySpec => ({
  code: `I${String(n).padStart(2, '0')}`,
  name,
  kind: 'industry',
  regionCode: '500000',
  weight,
  profile,
  place: '重庆市',
  homeRegions: [],
});

const industryAgencies: AgencySpec[] = [
  industry(1, '重庆市教育工会', 'education', 70),
  industry(2, '重庆市卫生健康工会', 'health', 45),
  industry(3, '重庆市交通运输工会', 'transport', 40),
  industry(4, '重庆市建设工会', 'construction', 45),
  industry(5, '重庆市金融工会', 'finance', 30),
  industry(6, '重庆市邮政快递业工会', 'postal', 30),
  industry(7, '重庆市机械冶金建材工会', 'machinery', 40),
  industry(8, '重庆市能源化学工会', 'energy', 25),
  industry(9, '重庆市商贸旅游工会', 'commerce', 35),
  industry(10, '重庆市农林水利气象工会', 'agriculture', 20),
  industry(11, '重庆市国防邮电工会', 'defence', 20),
  industry(12, '重庆市科技工会', 'machinery', 20),
];

const directAgency: AgencySpec = {
  code: 'ZS',
  name: '市直机关工会',
  kind: 'direct',
  regionCode: '500000',
  weight: 60,
  profile: 'direct',
  place: '重庆市',
  homeRegions: [],
};

export const chongqingAgencies: readonly AgencySpec[] = [
  ...districtAgencies,
  ...zoneAgencies,
  ...industryAgencies,
  directAgency,
];

export const guizhouRegions = [
  { code: '520102', weight: 80 },
  { code: '520103', weight: 90 },
  { code: '520111', weight: 60 },
  { code: '520112', weight: 35 },
  { code: '520113', weight: 35 },
  { code: '520115', weight: 55 },
  { code: '520302', weight: 60 },
  { code: '520303', weight: 65 },
  { code: '520304', weight: 70 },
  { code: '520321', weight: 50 },
  { code: '520381', weight: 25 },
  { code: '520382', weight: 55 },
];

export const guizhouAgencies: readonly AgencySpec[] = [
  {
    code: 'D520102',
    name: '贵阳市南明区',
    kind: 'district',
    regionCode: '520102',
    weight: 60,
    profile: 'district',
    place: '贵阳市南明区',
    homeRegions: ['520102'],
  },
  {
    code: 'D520302',
    name: '遵义市红花岗区',
    kind: 'district',
    regionCode: '520302',
    weight: 40,
    profile: 'district',
    place: '遵义市红花岗区',
    homeRegions: ['520302'],
  },
];

export interface OfficeSpec {
  code: string;
  name: string;
  regionCode: string;
  /** Name prefix of city-wide employers ("重庆" in 重庆某某有限公司). */
  city: string;
  agencies: readonly AgencySpec[];
  regions: readonly { code: string; weight: number }[];
}

export const offices = {
  CQ: {
    code: 'CQ',
    name: '重庆办事处',
    regionCode: '500000',
    city: '重庆',
    agencies: chongqingAgencies,
    regions: chongqingRegions,
  },
  GZ: {
    code: 'GZ',
    name: '贵州办事处',
    regionCode: '520000',
    city: '贵州',
    agencies: guizhouAgencies,
    regions: guizhouRegions,
  },
} as const satisfies Record<string, OfficeSpec>;
