// The signed-out screen: sign in and create an account, side by side.
import { h, uid } from '../dom.js';
import { api } from '../api.js';
import { update, say } from '../store.js';
import { errorBox } from '../components/error-box.js';

function field(label, attrs, hint) {
  const id = uid('f');
  const hintId = hint ? `${id}-hint` : null;
  return [
    h('label', { for: id }, label),
    h('input', { id, 'aria-describedby': hintId, ...attrs }),
    hint ? h('p', { id: hintId, class: 'hint' }, hint) : null,
  ];
}

function authForm({ title, submit, passwordAttrs, hint, action }) {
  const titleId = uid('t');
  const errors = h('div', { class: 'form-errors' });
  const form = h('form', { class: 'card', 'aria-labelledby': titleId, novalidate: true },
    h('h2', { id: titleId }, title),
    field('Email', { name: 'email', type: 'email', autocomplete: 'username', required: true, maxlength: '254' }),
    field('Password', { name: 'password', type: 'password', required: true, ...passwordAttrs }, hint),
    errors,
    h('button', { type: 'submit' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    if (!email || !password) {
      errors.append(h('p', { class: 'alert', role: 'alert' }, 'Please enter an email and a password.'));
      return;
    }
    for (const el of form.elements) el.disabled = true;
    try {
      await action(email, password);
      form.reset();
    } catch (err) {
      errors.append(errorBox(err, err.status === 401 ? { title: 'Wrong email or password.' } : {}));
    } finally {
      for (const el of form.elements) el.disabled = false;
    }
  });
  return form;
}

async function signIn(email, password) {
  const answer = await api.login(email, password);
  update({ token: answer.access_token });
  try {
    update({ user: await api.me() });
  } catch (err) {
    // Without the user the token is no use: back to the signed-out screen, which shows
    // why (a 401 has signed out already).
    if (err.status !== 401) update({ token: null });
    throw err;
  }
}

export function authView() {
  return h('section', { class: 'auth', 'aria-label': 'Sign in or sign up' },
    h('div', { class: 'cards' },
      authForm({
        title: 'Sign in',
        submit: 'Sign in',
        passwordAttrs: { autocomplete: 'current-password' },
        action: async (email, password) => {
          await signIn(email, password);
          say(`Signed in as ${email}.`);
        },
      }),
      authForm({
        title: 'Sign up',
        submit: 'Create account',
        passwordAttrs: { autocomplete: 'new-password', minlength: '8', maxlength: '1024' },
        hint: '8 to 1024 characters.',
        action: async (email, password) => {
          await api.register(email, password);
          await signIn(email, password);
          say('Account created; you are signed in.');
        },
      })));
}
