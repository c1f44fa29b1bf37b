import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { converterFor } from '../../../lib/normalise/convert-script';
import { PageConverter } from '../../../lib/dom/convert-page';
import { liveRange } from '../../../lib/dom/highlight-terms';
import { locatePassages } from '../../../lib/dom/locate-passages';
import { collectTextBlocks } from '../../../lib/dom/text-blocks';

const page = (body: string) => {
  const dom = new JSDOM(`<!doctype html><html><body>${body}</body></html>`);
  return dom.window.document;
};
const immediately = (apply: () => void) => apply();

describe('collectTextBlocks', () => {
  it('groups inline text by block and skips fields, editable regions and code', () => {
    const doc = page(
      '<p>发展<b>新质</b>生产力</p><div>一<p>二</p>三</div><textarea>不读</textarea><div contenteditable="true">不读</div><pre><code>不读</code></pre>',
    );
    expect(collectTextBlocks(doc.body, doc).map((b) => b.text)).toEqual([
      '发展新质生产力',
      '一',
      '二',
      '三',
    ]);
  });
});

describe('PageConverter', () => {
  it('writes the first blocks (the visible ones) before the rest of the page is converted', async () => {
    const doc = page(Array.from({ length: 300 }, (_, i) => `<p>发展第${i}段</p>`).join(''));
    const converter = new PageConverter();
    const toTraditional = converterFor('traditional', 'tw');
    const requests: number[] = [];
    let releaseRest: () => void = () => {};
    const rest = new Promise<void>((resolve) => (releaseRest = resolve));
    const done = converter.convert(
      collectTextBlocks(doc.body, doc),
      async (texts) => {
        requests.push(texts.length);
        if (requests.length > 1) await rest;
        return texts.map(toTraditional);
      },
      'zh-TW',
      immediately,
    );
    await new Promise((r) => setTimeout(r, 10));
    const paragraphs = doc.querySelectorAll('p');
    // The first request was small and is already on the page; the rest waits for its reply.
    expect(requests[0]).toBeLessThanOrEqual(32);
    expect(paragraphs[0]!.textContent).toBe('發展第0段');
    expect(paragraphs[299]!.textContent).toBe('发展第299段');
    releaseRest();
    expect(await done).toBe(300);
    expect(paragraphs[299]!.textContent).toBe('發展第299段');
    expect(requests.reduce((a, b) => a + b, 0)).toBe(300);
  });

  it('converts phrases across inline tags, sets lang, and restores the exact original', async () => {
    const doc = page(
      '<p id="a">发展<b>新质</b>生产力,加强<i>干部</i>队伍建设</p><p id="b" lang="zh">头发和发展</p>',
    );
    const before = doc.body.innerHTML;
    const converter = new PageConverter();
    const toTraditional = converterFor('traditional', 'tw');
    const written = await converter.convert(
      collectTextBlocks(doc.body, doc),
      async (texts) => texts.map(toTraditional),
      'zh-TW',
      immediately,
    );
    expect(written).toBeGreaterThan(0);
    expect(doc.getElementById('a')!.textContent).toBe('發展新質生產力,加強幹部隊伍建設');
    expect(doc.getElementById('b')!.textContent).toBe('頭髮和發展');
    expect(doc.getElementById('a')!.getAttribute('lang')).toBe('zh-TW');
    await converter.restore(immediately);
    expect(doc.body.innerHTML).toBe(before);
  });

  it('converts from the originals when switching between scripts, never back from a conversion', async () => {
    const doc = page('<p>乾隆年间的干部</p>');
    const converter = new PageConverter();
    const blocks = () => collectTextBlocks(doc.body, doc);
    await converter.convert(
      blocks(),
      async (t) => t.map(converterFor('traditional', 'tw')),
      'zh-TW',
      immediately,
    );
    await converter.convert(
      blocks(),
      async (t) => t.map(converterFor('simplified', 'tw')),
      'zh-Hans',
      immediately,
    );
    await converter.restore(immediately);
    expect(doc.body.textContent).toBe('乾隆年间的干部');
  });

  it('leaves a node alone when the page changed it while the conversion was under way', async () => {
    const doc = page('<p>发展</p>');
    const node = doc.querySelector('p')!.firstChild as Text;
    const converter = new PageConverter();
    await converter.convert(
      collectTextBlocks(doc.body, doc),
      async (texts) => {
        node.data = '页面自己改了';
        return texts.map(converterFor('traditional', 'tw'));
      },
      'zh-TW',
      immediately,
    );
    expect(node.data).toBe('页面自己改了');
  });

  it('keeps text typed after the conversion, through another switch and the restore', async () => {
    const doc = page('<p id="typed">坚持发展</p><p id="other">加强干部队伍建设</p>');
    const typed = doc.getElementById('typed')!.firstChild as Text;
    const converter = new PageConverter();
    const to = (target: 'traditional' | 'simplified') => async (t: string[]) =>
      t.map(converterFor(target, 'tw'));
    await converter.convert(
      collectTextBlocks(doc.body, doc),
      to('traditional'),
      'zh-TW',
      immediately,
    );
    expect(typed.data).toBe('堅持發展');
    // The page made the paragraph editable and the reader typed into it (no mutation reported:
    // editable regions are not Wenmai's to watch).
    typed.data = 'XYZ用户输入的文字';
    await converter.convert(
      collectTextBlocks(doc.body, doc),
      to('simplified'),
      'zh-Hans',
      immediately,
    );
    expect(typed.data).toBe('XYZ用户输入的文字');
    await converter.restore(immediately);
    expect(typed.data).toBe('XYZ用户输入的文字');
    expect(doc.getElementById('other')!.textContent).toBe('加强干部队伍建设');
  });
});

describe('converterFor', () => {
  it.each([
    ['traditional', 'tw', '里面着急', '裡面著急'],
    ['traditional', 'hk', '里面着急', '裏面着急'],
    ['simplified', 'tw', '線上發展', '线上发展'],
    ['simplified', 'hk', '裏面着急', '里面着急'],
    ['traditional', 't', '里面着急', '裏面着急'],
    ['simplified', 't', '裏面發展', '里面发展'],
  ] as const)('%s (%s): %s → %s', (to, variant, input, output) => {
    expect(converterFor(to, variant)(input)).toBe(output);
  });
});

describe('locatePassages', () => {
  it('finds passages of the cleaned article in the page, across scripts and punctuation', () => {
    const doc = page(
      '<h1>标题</h1><p>發展新質生產力，是推動高質量發展的內在要求。</p><p>第二段：加强基层治理,破解小马拉大车难题。</p>',
    );
    const ranges = locatePassages(
      collectTextBlocks(doc.body, doc),
      [
        '发展新质生产力,是推动高质量发展的内在要求。',
        '第二段:加强基层治理,破解小马拉大车难题。',
        '不在页面上的段落内容文字',
      ],
      doc,
    );
    expect(ranges[0] && liveRange(ranges[0], doc)?.toString()).toBe(
      '發展新質生產力，是推動高質量發展的內在要求',
    );
    expect(ranges[1] && liveRange(ranges[1], doc)?.toString()).toBe(
      '第二段：加强基层治理,破解小马拉大车难题',
    );
    expect(ranges[2]).toBeNull();
  });
});
