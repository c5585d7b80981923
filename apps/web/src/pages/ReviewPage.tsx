import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { InvoiceListResponse, InvoiceResponse } from '@invoice/contracts';
import { apiSend, ApiError, query } from '../lib/api.js';
import { markSeen, readSeen, reviewOrder } from '../lib/review-queue.js';
import { canUpload } from '../lib/jwt.js';
import { useApi } from '../lib/use-api.js';
import { ReviewForm } from '../components/ReviewForm.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { useSession } from '../session.js';

const QUEUE = `/api/invoices${query({ status: 'needs_review', sort: 'createdAt', order: 'asc', limit: 50 })}`;

/** The latest save of this page, which the person may undo. */
interface LastSave {
  documentId: string;
  correctionId: string;
}

/**
 * needs_review invoices, oldest first, those seen in this session behind the others; `/review/:documentId`
 * opens a chosen invoice first. Tab through the fields, F8 jumps to the next flagged one, Enter saves
 * (PATCH): the next invoice opens when every check passes; otherwise the failing checks are listed and
 * the person corrects, accepts with a reason, rejects, or skips. The latest save can be undone.
 */
export function ReviewPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const { documentId: chosen } = useParams();
  const [seen, setSeen] = useState<string[]>(() => readSeen());
  const [notice, setNotice] = useState<string>();
  const [lastSave, setLastSave] = useState<LastSave>();
  const [undoError, setUndoError] = useState<ApiError>();
  const [undoing, setUndoing] = useState(false);
  const queue = useApi<InvoiceListResponse>(QUEUE);
  const waiting = reviewOrder(queue.data?.items ?? [], seen);
  const currentId = chosen ?? waiting[0]?.documentId;
  const doc = useApi<InvoiceResponse>(currentId ? `/api/invoices/${currentId}` : null);
  const readOnly = !canUpload(user?.role);
  // Coming back to the queue from a chosen invoice (or choosing another) reads the queue again.
  const shownFor = useRef(chosen);
  const reloadQueue = queue.reload;
  useEffect(() => {
    if (shownFor.current === chosen) return;
    shownFor.current = chosen;
    reloadQueue();
  }, [chosen, reloadQueue]);

  // Moves on: the current invoice goes behind the others (it stays listed while it needs review).
  const next = (documentId: string, message?: string, correctionId?: string) => {
    setSeen(markSeen(documentId));
    setNotice(message);
    setLastSave(correctionId ? { documentId, correctionId } : undefined);
    setUndoError(undefined);
    queue.reload();
    if (chosen) void navigate('/review');
  };
  const undo = async () => {
    if (!lastSave) return;
    setUndoing(true);
    setUndoError(undefined);
    try {
      await apiSend<InvoiceResponse>('POST', `/api/invoices/${lastSave.documentId}/undo`, { correctionId: lastSave.correctionId });
      setLastSave(undefined);
      setNotice(t('decide.undone'));
      queue.reload();
      if (lastSave.documentId === currentId) doc.reload();
      else void navigate(`/review/${lastSave.documentId}`);
    } catch (e) {
      setUndoError(e instanceof ApiError ? e : new ApiError(0, 'UNREACHABLE', String(e)));
    } finally {
      setUndoing(false);
    }
  };

  const shown = currentId && doc.data?.documentId === currentId && !doc.loading ? doc.data : undefined;
  return (
    <>
      <h1 className="h3 d-flex align-items-center gap-2">
        {t('review.title')}
        {queue.data && <span className="badge text-bg-secondary fs-6">{t('review.remaining', { count: waiting.length })}</span>}
      </h1>
      <p className="small text-secondary">{readOnly ? t('review.readonly') : t('review.help')}</p>
      {chosen && <p className="small text-secondary">{t('decide.chosen')}</p>}
      {(notice || lastSave) && (
        <div className="alert alert-success py-2 d-flex align-items-center gap-2" role="status" data-testid="review-notice">
          <span className="me-auto">{notice}</span>
          {lastSave && (
            <button
              type="button"
              className="btn btn-sm btn-outline-success"
              onClick={() => void undo()}
              disabled={undoing}
              data-testid="review-undo"
            >
              {t('decide.undo')}
            </button>
          )}
        </div>
      )}
      {undoError && <ErrorState error={undoError} />}
      {queue.error && <ErrorState error={queue.error} onRetry={queue.reload} />}
      {!queue.data && !queue.error && <Loading height={500} />}
      {queue.data && !currentId && <Empty>{t('review.empty')}</Empty>}
      {doc.error && <ErrorState error={doc.error} onRetry={doc.reload} />}
      {currentId && shown?.invoice && (
        <ReviewForm
          key={`${shown.documentId}@${shown.updatedAt}`}
          document={shown}
          readOnly={readOnly}
          onSaved={(correctionId) => {
            void markSeen(currentId);
            setNotice(undefined);
            setLastSave(correctionId ? { documentId: currentId, correctionId } : lastSave);
          }}
          onDone={(message, correctionId) => next(currentId, message, correctionId)}
          onSkip={() => next(currentId)}
        />
      )}
      {shown && !shown.invoice && <Empty>{t('invoice.notExtracted')}</Empty>}
      {currentId && !doc.error && !shown && <Loading height={500} />}
    </>
  );
}
