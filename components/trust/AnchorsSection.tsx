import { useState } from 'preact/hooks';
import type { AnchorSummary, WireError } from '@/utils/keyservice/api';
import { call, fileBytes, ServiceError, toBase64 } from '../client';
import { EmptyState, Section } from '../Section';
import { AnchorIcon } from '../icons';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Badge, Button, Facts, FileField, Fingerprint, Notices } from '../ui/controls';
import { dataChanged, useServiceList } from '../ui/data';
import { commonName, formatDate, relativeDays } from '../ui/format';
import { sentenceOf, useAction } from '../ui/useAction';
import { t } from '../i18n/current';
import './anchors.css';
import { rich } from '../i18n/rich';

/** A file of several that was not imported, and the sentence saying why. */
interface Refusal {
  file: string;
  error: string;
}

interface ImportOutcome {
  /**
   * Each anchor the files held, once, and whether it was trusted before this batch (a root in two files of one
   * batch is one anchor, added by the first).
   */
  imported: Map<string, { alreadyTrusted: boolean }>;
  refused: Refusal[];
}

/** The roots a signer's certificate must chain to: imported from PEM, DER or a .p7b bundle, several at once. */
export function AnchorsSection() {
  const { data } = useServiceList('anchors.list');
  const [files, setFiles] = useState<File[]>([]);
  const [resetKey, setResetKey] = useState(0);
  const [refused, setRefused] = useState<Refusal[]>([]);
  const { busy, notice, setNotice, run } = useAction();

  async function submit(e: Event) {
    e.preventDefault();
    setRefused([]);
    if (files.length === 0) return setNotice({ error: t('trust.anchors.noFiles') });
    const outcome = await run(t('trust.anchors.importing'), () => importEach(files));
    if (!outcome) return;
    setRefused(outcome.refused);
    if (outcome.imported.size > 0) setNotice({ success: importedSentence(outcome.imported) });
    // The picker keeps the files only when none was imported, so trying again is one click.
    if (outcome.imported.size > 0 || outcome.refused.length === 0) {
      setFiles([]);
      setResetKey((k) => k + 1);
    }
  }

  const anchors = data.state === 'ready' ? data.value : [];
  return (
    <Section
      id="anchors"
      title={t('trust.anchors.title')}
      icon={<AnchorIcon />}
      summary={t('trust.anchors.summary')}
    >
      {data.state === 'failed' && (
        <p class="ds-notice ds-notice--error" role="alert">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{data.error}</span>
        </p>
      )}
      {data.state === 'ready' && anchors.length === 0 && (
        <EmptyState title={t('trust.anchors.empty')} note={t('trust.anchors.empty.note')} />
      )}
      {anchors.length > 0 && (
        <ul class="ds-list" aria-label={t('trust.anchors.title')}>
          {anchors.map((a) => (
            <li key={a.fingerprint}>
              <AnchorCard anchor={a} />
            </li>
          ))}
        </ul>
      )}
      <form class="ds-panel ds-form" onSubmit={submit} aria-labelledby="anchors-add" noValidate>
        <div>
          <h3 class="ds-panel__title" id="anchors-add">
            {t('trust.anchors.add')}
          </h3>
          <p class="ds-panel__note">{t('trust.anchors.add.note')}</p>
        </div>
        <FileField label={t('trust.anchors.files')} accept=".pem,.crt,.cer,.der,.p7b,.p7c" multiple onFiles={setFiles} resetKey={resetKey} />
        <Notices notice={notice} />
        {refused.length > 0 && <RefusedFiles refused={refused} />}
        <div class="ds-actions">
          <Button type="submit" busy={busy}>
            {t('trust.anchors.import')}
          </Button>
        </div>
      </form>
    </Section>
  );
}

/**
 * Failures that are not the file's: the service or its store. Any other refusal from the service is about the
 * file (not a certificate, not a CA, damaged, too large, a weak key...).
 */
const NOT_THE_FILES: ReadonlySet<WireError['code']> = new Set(['INTERNAL', 'KEY_STORE_DAMAGED', 'KEY_LOCKED', 'LOCK_NOT_SET']);

/**
 * One request per file, so each file is all-or-nothing on its own and a refused file does not stop the others. A
 * failure that is not the file's (the service gone) stops the batch and is said once, by the form.
 */
async function importEach(files: File[]): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { imported: new Map(), refused: [] };
  try {
    for (const file of files) {
      try {
        const anchors = await call('anchors.import', { bytes: toBase64(await fileBytes(file)) });
        for (const a of anchors) if (!outcome.imported.has(a.fingerprint)) outcome.imported.set(a.fingerprint, { alreadyTrusted: a.alreadyTrusted });
      } catch (err) {
        if (!(err instanceof ServiceError) || NOT_THE_FILES.has(err.code)) throw err;
        outcome.refused.push({ file: file.name, error: sentenceOf(err) });
      }
    }
  } finally {
    // What was imported before a failure is trusted already: the list shows it either way.
    if (outcome.imported.size > 0) dataChanged();
  }
  return outcome;
}

/**
 * How many anchors are new, and how many were trusted already (importing one again changes nothing, and
 * "Added" would say otherwise).
 */
function importedSentence(imported: ImportOutcome['imported']): string {
  const already = [...imported.values()].filter((a) => a.alreadyTrusted).length;
  const added = imported.size - already;
  if (added === 0) return already === 1 ? t('trust.anchors.nothingNew.one') : t('trust.anchors.nothingNew.other', { count: already });
  const sentence = added === 1 ? t('trust.anchors.added.one') : t('trust.anchors.added.other', { count: added });
  if (already === 0) return sentence;
  return `${sentence} ${already === 1 ? t('trust.anchors.already.one') : t('trust.anchors.already.other', { count: already })}`;
}

/** Each refused file on its own line, beside the count of what was added (the polite status above). */
function RefusedFiles({ refused }: { refused: Refusal[] }) {
  return (
    <div class="ds-notice ds-notice--error" role="alert">
      <span class="ds-notice__icon" aria-hidden="true">!</span>
      <div class="ds-refused">
        <p>{t(refused.length === 1 ? 'trust.anchors.refused.one' : 'trust.anchors.refused.other', { count: refused.length })}</p>
        <ul>
          {refused.map((r, i) => (
            <li key={i}>{rich('trust.anchors.fileRefused', { file: <strong class="ds-refused__file">{r.file}</strong>, error: r.error })}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function AnchorCard({ anchor }: { anchor: AnchorSummary }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useAction();
  const name = commonName(anchor.subject) ?? anchor.subject;

  async function confirm() {
    const ok = await remove.run(t('trust.removing'), () => call('anchors.remove', { fingerprint: anchor.fingerprint }));
    if (ok) {
      setConfirming(false);
      dataChanged();
    }
  }

  return (
    <article class="ds-item" aria-label={name}>
      <div class="ds-item__head">
        <div>
          <h3 class="ds-item__title">
            <span>{name}</span>
            {anchor.expired ? <Badge tone="error">{t('trust.anchors.expired')}</Badge> : <Badge tone="ok">{t('trust.anchors.trusted')}</Badge>}
          </h3>
          {name !== anchor.subject && <p class="ds-item__sub">{anchor.subject}</p>}
        </div>
        <Button variant="quiet" aria-label={t('trust.anchors.removeNamed', { name })} onClick={() => setConfirming(true)}>
          {t('trust.remove')}
        </Button>
      </div>
      <Facts
        items={[
          [t('trust.expires'), t('trust.expiresOn', { date: formatDate(anchor.notAfter), relative: relativeDays(anchor.notAfter) })],
          [t('trust.fingerprint'), <Fingerprint value={anchor.fingerprint} />],
        ]}
      />
      <ConfirmDialog
        open={confirming}
        title={t('trust.anchors.confirm', { name })}
        confirmLabel={t('trust.anchors.confirm.button')}
        busy={remove.busy}
        error={remove.notice.error}
        onConfirm={confirm}
        onClose={() => {
          setConfirming(false);
          remove.setNotice({});
        }}
      >
        <p>{rich('trust.anchors.confirm.body', { name: <strong>{name}</strong> })}</p>
      </ConfirmDialog>
    </article>
  );
}
