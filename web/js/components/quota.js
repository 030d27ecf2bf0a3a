// Today's generation quota ("3 of 5 generations left today; resets at ..."), from
// GET /api/quota; refreshed by the view after each generation.
import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { formatWhen } from '../lib/errors.js';

export function quotaLine() {
  const el = h('p', { class: 'hint quota', 'aria-live': 'polite' });
  async function refresh() {
    try {
      const q = await api.quota();
      if (!q || !q.limit) {
        replace(el, 'No daily generation limit on this server.');
        return;
      }
      const when = q.resets_at ? formatWhen(new Date(q.resets_at)) : 'midnight UTC';
      el.dataset.remaining = String(q.remaining);
      replace(el, q.remaining > 0
        ? `${q.remaining} of ${q.limit} generations left today (resets ${when}).`
        : `No generations left today: the quota of ${q.limit} resets ${when}. Preview still works.`);
    } catch {
      replace(el); // the quota is a hint; the generate answer still explains a refusal
    }
  }
  refresh();
  return { el, refresh };
}
