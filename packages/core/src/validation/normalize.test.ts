import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.ts';

describe('normalizeText', () => {
  it.each([
    ['５００１０３', '500103', 'full-width digits'],
    ['ＡＢＣｘｙｚ', 'ABCxyz', 'full-width letters keep their case'],
    ['（有限公司）', '(有限公司)', 'full-width brackets'],
    ['１，２３４．５', '1,234.5', 'full-width comma and full stop'],
    ['！～', '!~', 'both ends of the full-width ASCII block'],
    ['  张三  ', '张三', 'surrounding spaces'],
    ['\u3000张三\u3000', '张三', 'surrounding ideographic spaces'],
    ['张\u3000三', '张 三', 'an inner ideographic space becomes a plain space'],
    ['\t张三\r\n', '张三', 'tabs and line breaks'],
    ['\u00a0张三\u00a0', '张三', 'non-breaking spaces'],
    ['\u200b张\u200c三\u200d\u2060', '张三', 'zero-width characters'],
    ['\ufeff张三', '张三', 'a byte-order mark'],
    ['张三', '张三', 'nothing to do'],
    ['', '', 'empty'],
    ['重庆市江北区', '重庆市江北区', 'CJK is untouched'],
    ['·', '·', 'the middle dot of minority names is kept'],
  ])('%j → %j (%s)', (input, want) => {
    expect(normalizeText(input)).toBe(want);
  });
});
