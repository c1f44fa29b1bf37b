import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../../lib/clean/clean-article';
import { seed } from '../../seeds';

describe('cleanArticle', () => {
  it('turns seed 002 forum chrome into metadata and recognises the title line', () => {
    const article = cleanArticle(seed('002'));
    expect(article.title).toBe(
      '组织部长在市委理论学习中心组集体学习会上的交流发言(新质生产力专题)',
    );
    expect(article.meta).toMatchObject({ author: '秘途杂谈', date: '2024-7-4 09:18:46' });
    expect(article.text.startsWith('同志们:')).toBe(true);
    expect(article.text).not.toMatch(/发表于|查看完整版本|页: \[1\]/);
  });

  it('takes the byline of seed 001 as author metadata after removing pinyin inside it', () => {
    const article = cleanArticle(seed('001'));
    expect(article.meta).toMatchObject({
      author: '馬獻軍',
      affiliation: '江蘇省南京市秦淮區委常委、組織部部長',
      pinyinRemoved: 111, // 110 annotations and the orphan "lián)" of the garbled run
    });
    expect(article.text).not.toContain('馬獻軍');
    expect(article.text).toContain('突出政治引領,增強全面深化改革的思想自覺');
  });

  it('repairs seed 004 and keeps its role-only byline', () => {
    const article = cleanArticle(seed('004'));
    expect(article.meta.affiliation).toBe('山西省懷仁市委書記');
    expect(article.meta.author).toBeUndefined();
    expect(article.meta.mojibake[0]?.repaired).toBe('。“七一”期間');
    expect(article.text).toContain('政策要求。“七一”期間');
    expect(article.text).toContain('管理辦法(試行)');
    expect(article.text).toContain('鄉鎮(街道)黨委');
    expect(article.text).not.toMatch(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)/);
  });

  it('prefers a title given by the page and derives one otherwise', () => {
    expect(cleanArticle(seed('000'), '组织工作与新质生产力').title).toBe('组织工作与新质生产力');
    expect(cleanArticle(seed('003')).title).toMatch(/^习近平总书记关于党的建设的重要思想/);
  });

  it.each([
    ['empty', ''],
    ['only whitespace', ' \n\n \r\n'],
    ['only forum chrome', '页: [1]\n查看完整版本: 标题'],
  ])('copes with %s', (_name, raw) => {
    expect(cleanArticle(raw).text).toBe('');
  });
});
