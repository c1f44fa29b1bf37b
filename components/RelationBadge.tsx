import type { Relation } from '../lib/match/similarity-index';
import { useT, type MessageKey } from './i18n';

const LABELS: Record<Relation, MessageKey> = {
  duplicate: 'relationDuplicate',
  reuse: 'relationReuse',
  related: 'relationRelated',
};

export function RelationBadge({ relation }: { relation: Relation }) {
  const t = useT();
  return (
    <span className={`wm-badge wm-badge-${relation}`} data-relation={relation}>
      {t(LABELS[relation])}
    </span>
  );
}
