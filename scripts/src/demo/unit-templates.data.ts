import type { Rng } from './prng.ts';
import {
  ASSOCIATIONS,
  BANKS,
  BUILD,
  brand,
  DEPTS,
  FOOD,
  IT,
  MFG,
  NUMBERS,
  SERVICE,
  TRADE,
  town,
} from './unit-words.data.ts';

/**
 * What kinds of employers each agency's units are, and how they are named. A template fixes the category,
 * the industry (GB/T 4754 sections), the first two characters of the credit code (registration authority and
 * organisation kind, GB 32100), a size factor (hospitals and state groups are large, associations small),
 * the share of women, and for platform units the kind of gig work their members do.
 */
export type Category = 'government' | 'institution' | 'soe' | 'private' | 'platform' | 'social_org' | 'other';
export type GigKind = 'rider' | 'courier' | 'ride_hailing' | 'trucker' | 'other';

export interface NameContext {
  /** The agency's area as public bodies are named: 重庆市江北区, 贵阳市南明区, 重庆市 (city-wide agencies). */
  fullPlace: string;
  /** The area in a branch name (江北区 in …重庆江北区分部); empty for city-wide agencies. */
  local: string;
  /** The province-level prefix of company names: 重庆, 贵州. */
  city: string;
}

export interface UnitTemplate {
  category: Category;
  industry: string;
  creditPrefix: string;
  size: number;
  femaleShare: number;
  gigKind?: GigKind;
  name(rng: Rng, c: NameContext): string;
}

export type Mix = readonly (readonly [UnitTemplate, number])[];

const t = (
  category: Category,
  industry: string,
  creditPrefix: string,
  size: number,
  femaleShare: number,
  name: UnitTemplate['name'],
  gigKind?: GigKind,
): UnitTemplate => ({ category, industry, creditPrefix, size, femaleShare, name, gigKind });

const company = (words: readonly string[], industry: string, female: number, size = 1) =>
  t(
    'private',
    industry,
    '91',
    size,
    female,
    (r, c) => `${r.chance(0.5) ? c.city : c.fullPlace}${brand(r)}${r.pick(words)}有限公司`,
  );
const stateGroup = (words: readonly string[], industry: string, female: number, size = 3) =>
  t('soe', industry, '91', size, female, (r, c) =>
    r.chance(0.4)
      ? `${c.city}${brand(r)}${r.pick(words)}集团有限公司`
      : `${c.fullPlace}${r.pick(words)}有限公司${r.chance(0.3) ? `${r.pick(NUMBERS)}分公司` : ''}`,
  );

export const templates = {
  dept: t('government', '公共管理、社会保障和社会组织', '11', 0.6, 0.42, (r, c) => `${c.fullPlace}${r.pick(DEPTS)}`),
  street: t(
    'government',
    '公共管理、社会保障和社会组织',
    '11',
    0.5,
    0.45,
    (r, c) => `${c.fullPlace}${town(r)}街道办事处`,
  ),
  school: t('institution', '教育', '12', 1, 0.68, (r, c) =>
    r.chance(0.5)
      ? `${c.fullPlace}${town(r)}小学校`
      : `${c.fullPlace}第${r.pick(NUMBERS)}${r.chance(0.5) ? '' : r.pick(NUMBERS)}中学校`,
  ),
  kindergarten: t('institution', '教育', '12', 0.4, 0.92, (r, c) => `${c.fullPlace}${town(r)}幼儿园`),
  vocational: t(
    'institution',
    '教育',
    '12',
    1.5,
    0.55,
    (r, c) => `${c.fullPlace}${r.pick(['职业教育中心', '工业职业技术学校', '商务学校'])}`,
  ),
  hospital: t(
    'institution',
    '卫生和社会工作',
    '12',
    4,
    0.72,
    (r, c) => `${c.fullPlace}${r.pick(['人民医院', '中医院', '妇幼保健院', '第二人民医院', '精神卫生中心'])}`,
  ),
  clinic: t(
    'institution',
    '卫生和社会工作',
    '12',
    0.5,
    0.7,
    (r, c) => `${c.fullPlace}${town(r)}${r.pick(['镇卫生院', '社区卫生服务中心'])}`,
  ),
  publicBody: t(
    'institution',
    '公共管理、社会保障和社会组织',
    '12',
    0.6,
    0.5,
    (r, c) =>
      `${c.fullPlace}${r.pick(['图书馆', '文化馆', '疾病预防控制中心', '农业技术推广站', '公共就业和人才服务中心', '不动产登记中心', '检验检测中心'])}`,
  ),
  farmStation: t(
    'institution',
    '农、林、牧、渔业',
    '12',
    0.5,
    0.35,
    (r, c) => `${c.fullPlace}${r.pick(['农业技术推广站', '林业局林场', '水文站', '气象局', '水库管理所'])}`,
  ),
  citySoe: stateGroup(
    ['城市建设投资', '公共交通', '水务', '国有资产经营', '旅游开发', '供销合作'],
    '电力、热力、燃气及水生产和供应业',
    0.3,
  ),
  buildSoe: stateGroup(BUILD, '建筑业', 0.15, 4),
  transportSoe: stateGroup(
    ['公共交通', '轨道交通运营', '长途客运', '港务物流', '高速公路运营'],
    '交通运输、仓储和邮政业',
    0.22,
    5,
  ),
  mfgSoe: stateGroup(['机械', '钢铁', '汽车', '仪器仪表', '船舶'], '制造业', 0.28, 5),
  energySoe: stateGroup(['燃气', '电力', '化工', '天然气', '煤电'], '电力、热力、燃气及水生产和供应业', 0.25, 5),
  telecomSoe: t(
    'soe',
    '信息传输、软件和信息技术服务业',
    '91',
    3,
    0.45,
    (r, c) =>
      `${r.pick(['中国移动通信集团重庆有限公司', '中国联合网络通信有限公司重庆市分公司', '中国电信股份有限公司重庆分公司', '中国邮政集团有限公司重庆市分公司'])}${c.local}${r.pick(['分公司', '营业部'])}`,
  ),
  bank: t(
    'soe',
    '金融业',
    '91',
    1.2,
    0.58,
    (r, c) => `${r.pick(BANKS)}${c.local ? `${c.city}${c.local}支行` : `${c.city}${r.pick(['分行营业部', '市分行'])}`}`,
  ),
  insurer: t(
    'private',
    '金融业',
    '91',
    1,
    0.6,
    (r, c) => `${brand(r)}${r.pick(['人寿保险', '财产保险', '证券'])}股份有限公司${c.city}分公司`,
  ),
  mfg: company(MFG, '制造业', 0.35, 1.2),
  build: company(BUILD, '建筑业', 0.15, 1.1),
  trade: company(TRADE, '批发和零售业', 0.56, 0.7),
  food: company(FOOD, '住宿和餐饮业', 0.55, 0.6),
  it: company(IT, '信息传输、软件和信息技术服务业', 0.35, 0.8),
  service: company(SERVICE, '居民服务、修理和其他服务业', 0.6, 0.6),
  logistics: company(['物流', '运输', '仓储', '客运'], '交通运输、仓储和邮政业', 0.2, 0.9),
  farm: company(['农业开发', '生态农业', '柑橘种植', '茶业', '中药材种植'], '农、林、牧、渔业', 0.4, 0.5),
  privateSchool: t(
    'social_org',
    '教育',
    '52',
    0.4,
    0.7,
    (r, c) => `${c.fullPlace}${brand(r)}${r.pick(['培训学校', '艺术学校', '幼儿园'])}`,
  ),
  association: t(
    'social_org',
    '公共管理、社会保障和社会组织',
    '51',
    0.15,
    0.5,
    (r, c) => `${c.fullPlace}${r.pick(ASSOCIATIONS)}`,
  ),
  socialWork: t(
    'social_org',
    '居民服务、修理和其他服务业',
    '52',
    0.2,
    0.7,
    (r, c) => `${c.fullPlace}${brand(r)}${r.pick(['社会工作服务中心', '养老服务中心'])}`,
  ),
  jointUnion: t(
    'other',
    '公共管理、社会保障和社会组织',
    '81',
    0.4,
    0.45,
    (r, c) =>
      `${c.fullPlace}${town(r)}${r.pick(['街道个体工商户联合工会', '商圈联合工会', '楼宇联合工会', '工业园区联合工会', '村级联合工会'])}`,
  ),
  riderStation: t(
    'platform',
    '交通运输、仓储和邮政业',
    '91',
    1.2,
    0.08,
    (r, c) => `${c.city}${brand(r)}即时配送有限公司${c.local}${town(r)}站`,
    'rider',
  ),
  express: t(
    'platform',
    '交通运输、仓储和邮政业',
    '91',
    1.2,
    0.12,
    (r, c) => `${brand(r)}速递有限公司${c.city}${c.local}${r.pick(['分部', '营业部', '转运中心'])}`,
    'courier',
  ),
  rideHailing: t(
    'platform',
    '交通运输、仓储和邮政业',
    '91',
    1.5,
    0.06,
    (r, c) => `${c.city}${brand(r)}网约车科技有限公司`,
    'ride_hailing',
  ),
  freight: t(
    'platform',
    '交通运输、仓储和邮政业',
    '91',
    1,
    0.04,
    (r, c) => `${c.city}${brand(r)}货运物流有限公司`,
    'trucker',
  ),
  homeService: t(
    'platform',
    '居民服务、修理和其他服务业',
    '91',
    0.8,
    0.7,
    (r, c) => `${c.city}${brand(r)}到家服务有限公司`,
    'other',
  ),
} as const;
