import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../../lib/clean/clean-article';
import { stripPortalDebris } from '../../../lib/clean/portal-debris';

// Invented examples of the shapes government portals put around a report (issue 9).
const BODY = [
  '各位代表：',
  '现在，我代表县人民政府向大会报告工作，请予审议。',
  '过去一年，全县上下坚持稳中求进，经济运行回升向好，民生保障持续加强。',
];

describe('stripPortalDebris', () => {
  it('takes off a toolbar split one word a line, a breadcrumb, and keeps the text', () => {
    const lines = [
      '您的位置：',
      '首页',
      '>',
      '政务要闻',
      '下载',
      '打印',
      '全屏',
      '收藏',
      '【字号：',
      '加大',
      '还原',
      '减小',
      '】',
      ...BODY,
      '【字体：大 中 小】 分享',
    ];
    expect(stripPortalDebris(lines).lines).toEqual(BODY);
  });

  it('keeps the outlet, date, speaker and occasion as metadata', () => {
    const { lines, meta } = stripPortalDebris([
      '来源：某某日报 时间：2026-01-20',
      '县长 王小明',
      '——2026年1月18日在某县第十八届人民代表大会',
      '第五次会议上',
      ...BODY,
    ]);
    expect(lines).toEqual(BODY);
    expect(meta).toEqual({
      outlet: '某某日报',
      date: '2026-01-20',
      speaker: '县长 王小明',
      occasion: '——2026年1月18日在某县第十八届人民代表大会第五次会议上',
    });
  });

  it('reads a source and a time whose values are on the next line', () => {
    const { meta, lines } = stripPortalDebris([
      '来源：',
      '某某客户端',
      '发表时间：',
      '2026-02-01 09:30:00',
      ...BODY,
    ]);
    expect(meta).toMatchObject({ outlet: '某某客户端', date: '2026-02-01' });
    expect(lines).toEqual(BODY);
  });

  it('takes photo captions out, and the related-reports footer with what follows it', () => {
    const { lines, meta } = stripPortalDebris([
      ...BODY.slice(0, 2),
      '县长王小明作政府工作报告。本报记者 李 明摄',
      BODY[2]!,
      '相关报道：',
      '某县召开人代会',
      '【',
      '关闭窗口',
      '】',
    ]);
    expect(lines).toEqual(BODY);
    expect(meta.captions).toEqual(['县长王小明作政府工作报告。本报记者 李 明摄']);
  });

  it('leaves ordinary sentences with the same words alone', () => {
    const text = [
      '各位代表：',
      '我们要把群众的意见收藏在心里，大中小企业一起发展。',
      '来源于基层的经验要及时总结推广。',
      '会议强调，要把下载、打印等办公费用压减到位，坚持过紧日子。',
    ];
    expect(stripPortalDebris(text).lines).toEqual(text);
  });
});

describe('cleanArticle with portal debris', () => {
  it('drops heading lines that repeat the known title', () => {
    const clean = cleanArticle(
      ['2026年某县政府工作报告', '政府工作报告', '县长 王小明', ...BODY].join('\n'),
      '2026年某县政府工作报告',
    );
    expect(clean.text.split('\n')).toEqual(BODY);
    expect(clean.meta.speaker).toBe('县长 王小明');
  });
});
