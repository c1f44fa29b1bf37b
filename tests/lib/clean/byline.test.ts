import { describe, expect, it } from 'vitest';
import { parseByline } from '../../../lib/clean/byline';

describe('parseByline', () => {
  it.each([
    [
      '(作者:馬獻軍,系江蘇省南京市秦淮區委常委、組織部部長)',
      { author: '馬獻軍', affiliation: '江蘇省南京市秦淮區委常委、組織部部長' },
    ],
    ['(作者为山西省懷仁市委書記)', { affiliation: '山西省懷仁市委書記' }],
    ['(作者為山西省懷仁市委書記)', { affiliation: '山西省懷仁市委書記' }],
    ['（作者：王明）', { author: '王明' }],
  ])('parses %s', (text, expected) => {
    expect(parseByline(text)).toEqual({ ...expected, text });
  });

  it.each(['(试行)', '(新质生产力专题)', '作者认为应当加强学习。', '(街道)黨委'])(
    '%s is not a byline',
    (text) => {
      expect(parseByline(text)).toBeNull();
    },
  );
});
