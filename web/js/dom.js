// A small element builder: h('tag', {attrs, on: {event: fn}}, ...children). Text children
// become text nodes, so nothing here ever parses HTML.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'on') {
      for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key in el && typeof value !== 'string') {
      el[key] = value; // properties such as hidden, disabled, value
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

// A <details> whose body is built on its first opening (at once when it starts open): a
// report has hundreds of tests in groups that mostly stay closed, and building them all
// was most of a project page's first render. attrs as h()'s; makeBody() returns the body.
export function lazyDetails(attrs, summary, makeBody) {
  let built = false;
  const fill = () => {
    if (built || !details.open) return;
    built = true;
    append(details, [makeBody()]);
  };
  const details = h('details', { ...attrs, on: { ...(attrs.on || {}), toggle: fill } }, summary);
  fill();
  return details;
}

let ids = 0;
// A fresh id for label/control pairs built in code.
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// "Dec 7, 2026, 14:05" in the browser's time zone. Written out rather than through Intl:
// the first Intl.DateTimeFormat of a page loads ICU's pattern data, which cost 40-50 ms
// of the first render in headless chromium; the dashboard's words are English anyway.
export function formatDate(iso) {
  const d = iso ? new Date(iso) : null;
  if (!d || Number.isNaN(d.valueOf())) return '';
  const two = (n) => String(n).padStart(2, '0');
  return `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}, ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function formatBytes(n) {
  if (!Number.isFinite(n)) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
