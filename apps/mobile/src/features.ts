/**
 * The member services of the H5 app. None is open yet: each entry says plainly what it will do and what a member
 * can do meanwhile, so the home page never pretends a service works.
 */
export const featureKeys = ['enrol', 'coverage', 'claim', 'faq'] as const;
export type FeatureKey = (typeof featureKeys)[number];

export interface Feature {
  key: FeatureKey;
  title: string;
  /** One line on the home tile. */
  summary: string;
  /** What the member will be able to do once the service opens. */
  plans: string[];
  /** What a member can do today, through the unit's union or the agency office. */
  meanwhile: string;
}

export const features: Feature[] = [
  {
    key: 'enrol',
    title: '参保',
    summary: '新就业形态劳动者扫码自助参保',
    plans: [
      '手机号注册，短信验证',
      '姓名、身份证号实名认证',
      '选择保障项目，在线缴费',
      '缴费次日零时起保障生效，领取电子参保凭证',
    ],
    meanwhile: '在职职工参保由所在单位工会统一办理；新就业形态劳动者可咨询所在区县工会或代办处。',
  },
  {
    key: 'coverage',
    title: '我的保障',
    summary: '保障项目、保障期间与参保凭证',
    plans: ['查看本人参加的保障项目和份数', '查看保障期间、等待期和续保情况', '出示可扫码验真的电子参保凭证'],
    meanwhile: '如需了解本人参保情况，请联系所在单位工会经办人。',
  },
  {
    key: 'claim',
    title: '申领',
    summary: '互助金申领，材料最多 3 份',
    plans: [
      '在线填写申领信息，上传最多 3 份材料',
      '材料齐全后 5 个工作日内作出审核决定',
      '随时查看办理进度，结果短信通知',
    ],
    meanwhile: '申领可由所在单位工会经办人代为提交，请备好身份证、银行卡和诊断或出院证明。',
  },
  {
    key: 'faq',
    title: '政策问答',
    summary: '参保与申领的常见问题',
    plans: ['按关键词搜索常见问题', '例如：外地就医能申领吗？参保后多久生效？'],
    meanwhile: '政策问题可咨询所在单位工会或所属代办处。',
  },
];

export const findFeature = (key: string): Feature | undefined => features.find((f) => f.key === key);
