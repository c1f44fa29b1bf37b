// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { TermEditor } from '../../components/TermEditor';
import { testGlossary } from '../glossary-fixture';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Renders the editor for an entry, submits it unchanged, and returns what it saved. */
async function saveUnchanged(entry: ReturnType<typeof testGlossary>[number]) {
  const container = document.createElement('div');
  document.body.append(container);
  const saved: Record<string, unknown>[] = [];
  const root = createRoot(container);
  await act(async () => {
    root.render(<TermEditor entry={entry} onSave={(e) => saved.push(e)} onCancel={() => {}} />);
  });
  await act(async () => {
    container
      .querySelector('form')!
      .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  root.unmount();
  container.remove();
  return saved;
}

describe('TermEditor', () => {
  it('keeps the blocked words of the entry it edits (they have no field)', async () => {
    const [entry] = testGlossary([{ id: 'zuzhibu', headword: '组织部', blockedIn: ['组织部署'] }]);
    const saved = await saveUnchanged(entry!);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ id: 'zuzhibu', headword: '组织部', blockedIn: ['组织部署'] });
  });

  it('adds none to an entry that has none', async () => {
    const [entry] = testGlossary([{ id: 'xzscl', headword: '新质生产力' }]);
    const saved = await saveUnchanged(entry!);
    expect(saved[0]).not.toHaveProperty('blockedIn');
  });
});

describe('TermEditor, related terms', () => {
  it('shows related terms by headword and saves their ids; an unknown one is named at the field', async () => {
    const rows = testGlossary([
      { id: 'a-term', headword: '新质生产力', related: ['b-term'] },
      { id: 'b-term', headword: '高质量发展' },
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const glossary = {
      headwordOwner: (headword: string) => rows.find((r) => r.headword === headword)?.id,
      has: (id: string) => byId.has(id),
      headwordOf: (id: string) => byId.get(id)?.headword,
    };
    const container = document.createElement('div');
    document.body.append(container);
    const saved: Record<string, unknown>[] = [];
    const root = createRoot(container);
    await act(async () => {
      root.render(
        <TermEditor
          entry={rows[0]!}
          glossary={glossary}
          onSave={(e) => saved.push(e)}
          onCancel={() => {}}
        />,
      );
    });
    const field = container.querySelector<HTMLInputElement>('[data-testid="term-related"]')!;
    expect(field.value).toBe('高质量发展');
    const submit = () =>
      act(async () => {
        container
          .querySelector('form')!
          .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      });
    await submit();
    expect(saved[0]).toMatchObject({ related: ['b-term'] });
    // A headword the glossary does not have: not saved, and said at the field.
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(field, '高质量发展、不存在的词');
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await submit();
    expect(saved).toHaveLength(1);
    expect(container.querySelector('[data-testid="term-related-error"]')).not.toBeNull();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    root.unmount();
    container.remove();
  });
});
