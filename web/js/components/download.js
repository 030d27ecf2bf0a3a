// A download button: the ZIP needs the bearer token, so a plain link cannot fetch it. The
// button fetches it, wraps it in an object URL and clicks a temporary link to save it.
import { h } from '../dom.js';
import { api } from '../api.js';
import { errorBox } from './error-box.js';

export async function saveDownload(url) {
  const { blob, filename } = await api.downloadBlob(url);
  const href = URL.createObjectURL(blob);
  const a = h('a', { href, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the URL can go once the browser has taken it.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

// label is the visible text; name the accessible name (e.g. "Download todo-api").
export function downloadButton(url, { label = 'Download ZIP', name, onError, small = false } = {}) {
  const button = h('button', { type: 'button', class: small ? 'secondary small' : 'secondary', 'aria-label': name || label }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    const old = button.textContent;
    button.textContent = 'Downloading…';
    try {
      await saveDownload(url);
    } catch (err) {
      if (onError) onError(err);
      else button.after(errorBox(err, { title: 'The download failed.' }));
    } finally {
      button.disabled = false;
      button.textContent = old;
    }
  });
  return button;
}
