import { useState } from 'preact/hooks';
import { DropZone } from '../ui/DropZone';
import { formatSize } from '../ui/format';
import { t } from '../i18n/current';

/** Attachments: the picker (keyboard, screen readers) inside a drop zone, and the list with a remove button each. */
export function AttachmentPicker({ files, onFiles }: { files: File[]; onFiles: (files: File[]) => void }) {
  const [pickerKey, setPickerKey] = useState(0);
  const add = (more: File[]) => {
    onFiles([...files, ...more]);
    setPickerKey((k) => k + 1);
  };
  return (
    <div class="ds-field">
      <span class="ds-field__label" id="attachments-label">
        {t('compose.attachments')}
      </span>
      <DropZone onFiles={add} label={t('compose.attach.drop')}>
        <label class="ds-drop__pick">
          <span class="ds-button ds-button--secondary" aria-hidden="true">
            {t('compose.attach.pick')}
          </span>
          <input key={pickerKey} class="ds-visually-hidden" type="file" multiple aria-label={t('compose.attach.label')} onChange={(e) => add(Array.from(e.currentTarget.files ?? []))} />
          <span class="ds-drop__hint">{t('compose.attach.hint')}</span>
        </label>
      </DropZone>
      {files.length > 0 && (
        <ul class="ds-files" aria-labelledby="attachments-label">
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              <span class="ds-files__name">{f.name}</span>
              <span class="ds-files__size">{formatSize(f.size)}</span>
              <button type="button" class="ds-button ds-button--quiet" onClick={() => onFiles(files.filter((_, j) => j !== i))} aria-label={t('compose.attach.removeNamed', { name: f.name })}>
                {t('compose.attach.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
