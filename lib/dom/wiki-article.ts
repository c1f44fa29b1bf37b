import { blockLines } from './walk-text';

/**
 * MediaWiki articles (Wikipedia and its mirrors): the text of .mw-parser-output without the
 * chrome the wiki puts inside it, where Readability keeps it (its navboxes are collapsed by a
 * script, so their lists of links are all in the markup).
 */

/**
 * MediaWiki (Wikipedia): infoboxes, navboxes (collapsed by script, so their links are in the
 * markup), the table of contents, [编辑] links, citation marks, reference lists, categories.
 */
const MEDIAWIKI_CHROME = [
  '.infobox',
  '.navbox',
  '.vertical-navbox',
  '.sidebar',
  '#toc',
  '.toc',
  '.mw-editsection',
  'sup.reference',
  '.reflist',
  '.mw-references-wrap',
  'ol.references',
  '.catlinks',
  '.printfooter',
  '.mw-jump-link',
  '#siteSub',
  '#contentSub',
  '.ambox',
  '.metadata',
  '.noprint',
  '.mw-empty-elt',
].join(', ');

/** Sections of a wiki article that list elsewhere rather than say something. */
const MEDIAWIKI_LIST_SECTIONS =
  /^(?:参见|參見|参考文献|參考文獻|参考资料|參考資料|注释|註釋|脚注|腳註|外部链接|外部連結|延伸阅读|延伸閱讀|相关条目|相關條目|See also|References|Notes|External links|Further reading)$/i;

function removeMediaWikiChrome(content: Element): void {
  for (const element of Array.from(content.querySelectorAll(MEDIAWIKI_CHROME))) element.remove();
  // A section's heading is an h2, bare or in a div.mw-heading (2024 markup); drop to the next one.
  for (const heading of Array.from(content.querySelectorAll('h2'))) {
    if (!MEDIAWIKI_LIST_SECTIONS.test(heading.textContent?.trim() ?? '')) continue;
    const start = heading.parentElement?.classList.contains('mw-heading')
      ? heading.parentElement
      : heading;
    if (start.parentElement !== content) continue;
    let node: ChildNode | null = start;
    while (node) {
      const next: ChildNode | null = node.nextSibling;
      node.remove();
      if (next && next.nodeType === 1 && isSectionStart(next as Element)) break;
      node = next;
    }
  }
}

function isSectionStart(element: Element): boolean {
  return (
    element.tagName === 'H2' ||
    (element.classList.contains('mw-heading') && element.querySelector('h2') !== null)
  );
}

/** A MediaWiki page's article (title and text), or null when the page is not one. */
export function extractWikiArticle(doc: Document): { title: string; text: string } | null {
  const found = doc.querySelector('#mw-content-text .mw-parser-output, .mw-parser-output');
  if (!found) return null;
  const content = found.cloneNode(true) as Element;
  removeMediaWikiChrome(content);
  const text = blockLines(content).join('\n');
  if (!text) return null;
  const heading = doc.querySelector('#firstHeading, h1')?.textContent?.replace(/\s+/g, ' ').trim();
  return { title: heading || doc.title.split(/\s+[-–—]\s+/)[0]!.trim(), text };
}
