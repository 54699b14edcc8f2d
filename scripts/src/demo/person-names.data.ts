import { type Rng, WeightedPicker } from './prng.ts';

// Common surnames with their approximate share (‰) of the population (2020 household-register statistics),
// so 王/李/张/刘/陈 dominate as they do in any real roster.
const SURNAMES: readonly [string, number][] = [
  ['王', 74], ['李', 72], ['张', 69], ['刘', 54], ['陈', 46], ['杨', 32], ['黄', 23], ['赵', 20], ['吴', 20],
  ['周', 19], ['徐', 15], ['孙', 15], ['马', 12], ['朱', 12], ['胡', 11], ['郭', 11], ['何', 10], ['林', 9],
  ['罗', 9], ['高', 9], ['郑', 8], ['梁', 7], ['谢', 7], ['宋', 6], ['唐', 6], ['许', 6], ['韩', 6], ['邓', 6],
  ['冯', 6], ['曹', 5], ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['潘', 4], ['袁', 4], ['蔡', 4],
  ['蒋', 4], ['余', 4], ['于', 4], ['杜', 4], ['叶', 4], ['程', 4], ['魏', 4], ['苏', 4], ['吕', 4], ['丁', 4],
  ['任', 3], ['卢', 3], ['姚', 3], ['沈', 3], ['钟', 3], ['姜', 3], ['崔', 3], ['谭', 3], ['陆', 3], ['范', 3],
  ['汪', 3], ['廖', 3], ['石', 3], ['金', 3], ['韦', 3], ['贾', 3], ['夏', 2], ['付', 2], ['方', 2], ['邹', 2],
  ['熊', 2], ['白', 2], ['孟', 2], ['秦', 2], ['邱', 2], ['侯', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2],
  ['段', 2], ['雷', 2], ['龙', 2], ['黎', 2], ['史', 2], ['陶', 2], ['贺', 2], ['毛', 2], ['郝', 2], ['顾', 2],
  ['龚', 2], ['邵', 2], ['万', 2], ['覃', 2], ['武', 2], ['钱', 2], ['戴', 2], ['严', 2], ['莫', 1], ['孔', 1],
  ['向', 1], ['冉', 1], ['牟', 1], ['母', 1], ['税', 1], ['欧阳', 0.5], ['司马', 0.1], ['诸葛', 0.1],
];

const MALE = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆峰建国志成军林东海亮龙文斌毅晨阳宏伦'];
const FEMALE = [...'芳娜敏静丽艳娟霞秀英玲燕红梅琳雪慧莉倩婷颖洁佳欣怡月萍兰琴晶瑶璐蓉丹妍雯婧'];
const NEUTRAL = [...'小子思嘉一晓春秋家俊文雨佳泽天明志永德运世安'];

const surnames = new WeightedPicker(SURNAMES, ([, w]) => w);

/** A plausible Chinese name: weighted surname, then one (a quarter of people) or two given characters. */
export function personName(rng: Rng, sex: 'male' | 'female'): string {
  const pool = sex === 'male' ? MALE : FEMALE;
  const surname = surnames.pick(rng)[0];
  if (rng.chance(0.25)) return surname + rng.pick(pool);
  return surname + (rng.chance(0.4) ? rng.pick(NEUTRAL) : rng.pick(pool)) + rng.pick(pool);
}

// Mobile prefixes in use by the three carriers and virtual operators (1[3-9]x).
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '145', '147', '150', '151', '152', '153',
  '155', '156', '157', '158', '159', '166', '170', '173', '175', '176', '177', '178', '180', '181', '182', '183',
  '184', '185', '186', '187', '188', '189', '191', '195', '198', '199',
];

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}
