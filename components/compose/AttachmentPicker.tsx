import { useState } from 'preact/hooks';
import { DropZone } from '../ui/DropZone';
import { formatSize } from '../ui/format';

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
        Attachments
      </span>
      <DropZone onFiles={add} label="Drop files to attach them">
        <label class="ds-drop__pick">
          <span class="ds-button ds-button--secondary" aria-hidden="true">
            Attach files…
          </span>
          <input key={pickerKey} class="ds-visually-hidden" type="file" multiple aria-label="Attach files" onChange={(e) => add(Array.from(e.currentTarget.files ?? []))} />
          <span class="ds-drop__hint">or drop them here. They are encrypted with the message.</span>
        </label>
      </DropZone>
      {files.length > 0 && (
        <ul class="ds-files" aria-labelledby="attachments-label">
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              <span class="ds-files__name">{f.name}</span>
              <span class="ds-files__size">{formatSize(f.size)}</span>
              <button type="button" class="ds-button ds-button--quiet" onClick={() => onFiles(files.filter((_, j) => j !== i))} aria-label={`Remove ${f.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
