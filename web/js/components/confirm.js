// A modal confirmation built on <dialog>: resolves true when the user confirms, false on
// cancel or Escape. Used before anything that cannot be undone.
import { h } from '../dom.js';

export function confirmDialog({ title, message, confirm = 'Delete', cancel = 'Cancel' }) {
  return new Promise((resolve) => {
    const titleId = `confirm-title-${Date.now()}`;
    const yes = h('button', { type: 'button', class: 'danger' }, confirm);
    const no = h('button', { type: 'button', class: 'secondary' }, cancel);
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, title),
      h('p', {}, message),
      h('div', { class: 'actions' }, no, yes));
    let answer = false;
    yes.addEventListener('click', () => { answer = true; dialog.close(); });
    no.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus(); // the safe choice has the focus
  });
}
