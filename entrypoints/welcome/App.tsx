import { useT, type MessageKey } from '../../components/i18n';

/** The four jobs, each with what the reader sees on a page. */
const JOBS: readonly { title: MessageKey; text: MessageKey }[] = [
  { title: 'welcomeSimilarTitle', text: 'welcomeSimilarText' },
  { title: 'welcomeScriptTitle', text: 'welcomeScriptText' },
  { title: 'welcomeTermsTitle', text: 'welcomeTermsText' },
  { title: 'welcomeParallelsTitle', text: 'welcomeParallelsText' },
];

/** Opened once, when Wenmai is installed: what it does and where its settings are. */
export function App({ openOptions }: { openOptions: () => void }) {
  const t = useT();
  return (
    <main className="wm-welcome" data-testid="welcome">
      <h1>{t('welcomeTitle')}</h1>
      <p className="wm-welcome-lead">{t('extDescription')}</p>
      <figure className="wm-welcome-example" aria-label={t('welcomeExampleLabel')}>
        {/* Written for this page; it shows what a highlighted term and a switched script look like. */}
        <p lang="zh-Hans">
          各地坚持因地制宜发展<mark>新质生产力</mark>，推动高质量发展。
        </p>
        <p lang="zh-Hant">
          各地堅持因地制宜發展<mark>新質生產力</mark>，推動高質量發展。
        </p>
        <figcaption>{t('welcomeExampleCaption')}</figcaption>
      </figure>
      <ol className="wm-welcome-jobs">
        {JOBS.map((job) => (
          <li key={job.title}>
            <h2>{t(job.title)}</h2>
            <p>{t(job.text)}</p>
          </li>
        ))}
      </ol>
      <p>{t('welcomePrivacy')}</p>
      <p className="wm-welcome-actions">
        <button type="button" data-testid="welcome-options" onClick={openOptions}>
          {t('welcomeOpenOptions')}
        </button>
        <span>{t('welcomeShortcuts')}</span>
      </p>
    </main>
  );
}
