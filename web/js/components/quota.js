// Today's generation quota ("3 of 5 generations left today; resets at ..."), and the
// language-model calls when the server limits them, from GET /api/usage; refreshed by the
// view after each generation.
import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { formatWhen } from '../lib/errors.js';

// The line's text for a GET /api/usage answer (limit 0 = none).
export function usageText(u, now = Date.now()) {
  const g = (u && u.generations) || {};
  const when = Number.isFinite(u && u.resets_in_seconds)
    ? formatWhen(new Date(Math.round((now + u.resets_in_seconds * 1000) / 60000) * 60000)) : 'midnight UTC';
  const left = Math.max(0, (g.limit || 0) - (g.used || 0));
  const parts = [!g.limit ? 'No daily generation limit on this server.'
    : left > 0 ? `${left} of ${g.limit} generations left today (resets ${when}).`
      : `No generations left today: the quota of ${g.limit} resets ${when}. Preview still works.`];
  const l = (u && u.llm_calls) || {};
  if (l.limit) parts.push(`Model calls: ${Math.max(0, l.limit - (l.used || 0))} of ${l.limit} left.`);
  return { text: parts.join(' '), left: g.limit ? left : null };
}

export function quotaLine() {
  const el = h('p', { class: 'hint quota', 'aria-live': 'polite' });
  async function refresh() {
    try {
      const { text, left } = usageText(await api.usage());
      if (left !== null) el.dataset.remaining = String(left);
      replace(el, text);
    } catch {
      replace(el); // the quota is a hint; the generate answer still explains a refusal
    }
  }
  refresh();
  return { el, refresh };
}
