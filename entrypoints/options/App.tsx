import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { BackupPanel } from '../../components/BackupPanel';
import { CorpusPanel } from '../../components/CorpusPanel';
import { GlossaryPanel, type GlossaryRow } from '../../components/GlossaryPanel';
import { useT } from '../../components/i18n';
import { ImportStatusPanel } from '../../components/ImportStatusPanel';
import { SettingsPanel } from '../../components/SettingsPanel';
import { StatusMessage, type Status } from '../../components/StatusMessage';
import { TermEditor } from '../../components/TermEditor';
import type { GlossaryEntry } from '../../lib/glossary/glossary';
import type { ArticleListQuery, ArticleSummary } from '../../lib/views';
import { createMessenger } from '../../lib/messaging/client';
import type { Settings } from '../../lib/settings';
import { batchFiles, parseImportFile, type ImportFile } from './parse-import-file';
import { sendArticles, sendBackup } from './send-imports';
import { useImportStatus } from './use-import-status';
import { errorMessage } from '../../lib/format';

const { askBackground } = createMessenger(browser);

/** How long a note that something was done stays ("Settings saved."). */
const NOTE_MS = 4000;

/** Everything the options page shows comes from the background; this file does the asking. */
export function App() {
  const t = useT();
  const [settings, setSettings] = useState<Settings | null>(null);
  /** Bumped whenever the corpus changed: the list asks again. */
  const [corpusVersion, setCorpusVersion] = useState(0);
  const [glossary, setGlossary] = useState<GlossaryRow[] | null>(null);
  const [selectedTerm, setSelectedTerm] = useState<string | null>(null);
  /** undefined: no editor; null: a new entry. */
  const [editing, setEditing] = useState<GlossaryEntry | null | undefined>(undefined);
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const [pollRound, setPollRound] = useState(0);
  const editorRef = useRef<HTMLDivElement>(null);

  const fail = useCallback((error: unknown) => {
    setStatus({ kind: 'error', text: errorMessage(error) });
  }, []);

  const loadArticles = useCallback(async () => setCorpusVersion((n) => n + 1), []);
  const fetchList = useCallback(
    (query: ArticleListQuery) => askBackground({ type: 'wenmai/list-articles', ...query }),
    [],
  );
  const loadGlossary = useCallback(
    () => askBackground({ type: 'wenmai/list-glossary' }).then(setGlossary).catch(fail),
    [fail],
  );
  const loadSettings = useCallback(
    () => askBackground({ type: 'wenmai/get-settings' }).then(setSettings).catch(fail),
    [fail],
  );

  useEffect(() => {
    void loadSettings();
    void loadArticles();
    void loadGlossary();
  }, [loadSettings, loadArticles, loadGlossary]);

  const importStatus = useImportStatus(askBackground, pollRound, fail, () => {
    void loadArticles();
    void loadGlossary();
  });

  // A plain "done" note goes after a while; errors, and notes that offer an action (Undo), stay
  // until the next action or the reader dismisses them.
  useEffect(() => {
    if (!status || status.kind === 'error' || status.action || status.details?.length) return;
    const shown = status;
    const timer = setTimeout(
      () => setStatus((current) => (current === shown ? null : current)),
      NOTE_MS,
    );
    return () => clearTimeout(timer);
  }, [status]);

  /** Runs one action at a time; its errors end up in the message line. */
  const run = async (action: () => Promise<void>) => {
    // The last action's note is not about this one.
    setStatus(null);
    setBusy(true);
    try {
      await action();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const reloadAll = async () => {
    await Promise.all([loadArticles(), loadGlossary(), loadSettings()]);
    setPollRound((n) => n + 1);
  };

  const saveSettings = (next: Settings) => {
    setSettings(next);
    void askBackground({ type: 'wenmai/set-settings', settings: next })
      .then((saved) => {
        setSettings(saved);
        setStatus({ kind: 'ok', text: t('settingsSaved') });
      })
      .catch((error: unknown) => {
        fail(error);
        void loadSettings();
      });
  };

  const restoreBackup = async (json: string, name: string): Promise<string> => {
    try {
      const restored = await sendBackup(json, askBackground);
      return t('backupImported', [String(restored.articles), String(restored.glossary)]);
    } catch (error) {
      throw new Error(`${name}: ${errorMessage(error)}`);
    }
  };

  const importFiles = (files: File[]) =>
    run(async () => {
      setStatus({ kind: 'info', text: t('importingFiles', String(files.length)) });
      const errors: string[] = [];
      const notes: string[] = [];
      const articles: ImportFile[] = [];
      const backups: { name: string; json: string }[] = [];
      for (const file of files) {
        let content: Uint8Array;
        try {
          // Bytes, not file.text(): parseImportFile decodes them in the file's own charset.
          content = new Uint8Array(await file.arrayBuffer());
        } catch {
          errors.push(t('fileUnreadable', file.name));
          continue;
        }
        const parsed = parseImportFile(file.name, content, t);
        if (parsed.kind === 'error') errors.push(parsed.error);
        else if (parsed.kind === 'backup') backups.push({ name: file.name, json: parsed.json });
        else articles.push(...parsed.files);
      }
      const sent = await sendArticles(batchFiles(articles), askBackground, (done, total) =>
        setStatus({ kind: 'info', text: t('importProgressFiles', [String(done), String(total)]) }),
      );
      const added = sent.added.length;
      errors.push(...sent.errors);
      if (sent.stopped)
        errors.unshift(
          t('importStopped', [
            String(sent.stopped.sent),
            String(sent.stopped.total),
            String(added),
            sent.stopped.error,
          ]),
        );
      for (const backup of backups) {
        try {
          notes.push(await restoreBackup(backup.json, backup.name));
        } catch (error) {
          errors.push(errorMessage(error));
        }
      }
      const text = [
        ...(articles.length > 0 || backups.length === 0 ? [t('filesAdded', String(added))] : []),
        ...notes,
      ].join(' ');
      // What this import added that was not there before: the reader may take it back.
      const fresh = sent.added.filter((a) => !a.replaced).map((a) => a.articleId);
      setStatus({
        kind: errors.length > 0 ? 'error' : 'ok',
        text,
        details: errors,
        ...(fresh.length > 0
          ? {
              action: {
                label: t('undoImport', String(fresh.length)),
                run: () => undoImport(fresh),
              },
            }
          : {}),
      });
      await (backups.length > 0 ? reloadAll() : loadArticles());
    });

  const undoImport = (articleIds: string[]) =>
    run(async () => {
      let deleted = 0;
      // In parts, as the import sent them.
      for (let i = 0; i < articleIds.length; i += 5000) {
        const reply = await askBackground({
          type: 'wenmai/delete-articles',
          articleIds: articleIds.slice(i, i + 5000),
        });
        deleted += reply.deleted;
      }
      setStatus({ kind: 'ok', text: t('importUndone', String(deleted)) });
      await loadArticles();
    });

  const deleteArticle = (article: ArticleSummary) =>
    run(async () => {
      await askBackground({ type: 'wenmai/delete-article', articleId: article.id });
      setStatus({ kind: 'ok', text: t('articleDeleted', article.title || article.id) });
      await loadArticles();
    });

  const saveTerm = (entry: Record<string, unknown>) =>
    run(async () => {
      const saved = await askBackground({ type: 'wenmai/save-term', entry });
      setEditing(undefined);
      setSelectedTerm(saved.entry.id);
      setStatus({ kind: 'ok', text: t('termSaved', saved.entry.headword) });
      await loadGlossary();
    });

  const deleteTerm = (entry: GlossaryRow) =>
    run(async () => {
      await askBackground({ type: 'wenmai/delete-term', termId: entry.id });
      setSelectedTerm(null);
      setStatus({ kind: 'ok', text: t('termDeleted', entry.headword) });
      await loadGlossary();
    });

  const editTerm = (entry: GlossaryEntry | null) => {
    setEditing(entry);
    requestAnimationFrame(() =>
      editorRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
    );
  };

  const exportBackup = () =>
    run(async () => {
      const { json, fileName } = await askBackground({ type: 'wenmai/export-backup' });
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus({ kind: 'ok', text: t('backupExported', fileName) });
    });

  const importBackup = (file: File) =>
    run(async () => {
      const json = await file.text();
      setStatus({ kind: 'ok', text: await restoreBackup(json, file.name) });
      await reloadAll();
    });

  const wipe = () =>
    run(async () => {
      const wiped = await askBackground({ type: 'wenmai/wipe-user-data' });
      setSelectedTerm(null);
      setEditing(undefined);
      setStatus({
        kind: 'ok',
        text: t('wiped', [String(wiped.articles), String(wiped.glossary)]),
      });
      await reloadAll();
    });

  return (
    <div className="wm-options" aria-busy={busy}>
      <header className="wm-header">
        <h1>
          {t('extName')} <span className="wm-muted">· {t('options')}</span>
        </h1>
        <nav>
          <a href="#import">{t('sectionImport')}</a>
          <a href="#settings">{t('sectionSettings')}</a>
          <a href="#corpus">{t('sectionCorpus')}</a>
          <a href="#glossary">{t('sectionGlossary')}</a>
          <a href="#backup">{t('sectionBackup')}</a>
        </nav>
        <StatusMessage status={status} onDismiss={() => setStatus(null)} />
      </header>

      <main>
        <section id="import">
          <h2>{t('sectionImport')}</h2>
          <ImportStatusPanel status={importStatus} />
        </section>

        <section id="settings">
          <h2>{t('sectionSettings')}</h2>
          {settings ? (
            <SettingsPanel settings={settings} disabled={busy} onChange={saveSettings} />
          ) : (
            <p className="wm-muted">{t('loading')}</p>
          )}
        </section>

        <section id="corpus">
          <h2>{t('sectionCorpus')}</h2>
          <CorpusPanel
            fetchList={fetchList}
            version={corpusVersion}
            onError={fail}
            disabled={busy}
            onImportFiles={(files) => void importFiles(files)}
            onDelete={(article) => void deleteArticle(article)}
          />
        </section>

        <section id="glossary">
          <h2>{t('sectionGlossary')}</h2>
          <GlossaryPanel
            entries={glossary}
            selectedId={selectedTerm}
            disabled={busy}
            onSelect={setSelectedTerm}
            onNew={() => editTerm(null)}
            onEdit={({ origin: _origin, ...entry }) => editTerm(entry)}
            onDelete={(entry) => void deleteTerm(entry)}
          />
          <div ref={editorRef}>
            {editing !== undefined && (
              <TermEditor
                key={editing?.id ?? '(new)'}
                entry={editing}
                glossary={{
                  headwordOwner: (headword) =>
                    glossary?.find((row) => row.headword === headword)?.id,
                  has: (id) => glossary?.some((row) => row.id === id) ?? true,
                  headwordOf: (id) => glossary?.find((row) => row.id === id)?.headword,
                }}
                disabled={busy}
                onSave={(entry) => void saveTerm(entry)}
                onCancel={() => setEditing(undefined)}
              />
            )}
          </div>
        </section>

        <section id="backup">
          <h2>{t('sectionBackup')}</h2>
          <BackupPanel
            disabled={busy}
            onExport={() => void exportBackup()}
            onImport={(file) => void importBackup(file)}
            onWipe={() => void wipe()}
          />
        </section>
      </main>
      <footer className="wm-muted wm-small">{browser.runtime.getManifest().version}</footer>
    </div>
  );
}
