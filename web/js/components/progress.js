// The generation progress list: each stage is shown as it arrives from the event stream,
// with the earlier ones ticked off.
import { h } from '../dom.js';

const STAGES = [
  ['planning', 'Planning the spec'],
  ['reviewing', 'Reviewing it'],
  ['generating', 'Generating the code'],
  ['packaging', 'Packaging the ZIP'],
  ['stored', 'Stored'],
];

export function progressList() {
  const items = new Map();
  const list = h('ol', { class: 'progress', 'aria-label': 'Generation progress' },
    STAGES.map(([name, label]) => {
      const li = h('li', { dataset: { stage: name, state: 'waiting' } }, label);
      items.set(name, li);
      return li;
    }));
  const live = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const el = h('div', { class: 'progress-box' }, list, live);

  // Marks stage as current and everything before it as done.
  function stage(name) {
    let seen = false;
    for (const [key, li] of items) {
      if (key === name) {
        seen = true;
        li.dataset.state = key === 'stored' ? 'done' : 'current';
        li.setAttribute('aria-current', 'step');
      } else {
        li.removeAttribute('aria-current');
        li.dataset.state = seen ? 'waiting' : 'done';
      }
    }
    const found = STAGES.find(([key]) => key === name);
    live.textContent = found ? `${found[1]}…` : name;
  }

  // The stream failed: the current stage is marked failed.
  function fail() {
    for (const li of items.values()) {
      if (li.dataset.state === 'current') li.dataset.state = 'failed';
    }
    live.textContent = 'Generation failed.';
  }

  return { el, stage, fail };
}
