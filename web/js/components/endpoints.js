// The endpoints a spec makes, as a table; with a verification, each endpoint's state
// (verified, failed, not checked) from the tests that called it.
import { h } from '../dom.js';
import { endpointsOf, endpointStates } from '../lib/endpoints.js';

const STATE_WORDS = { verified: 'verified', failed: 'failed', unchecked: 'not checked' };

export function endpointsTable(spec, verification) {
  const eps = endpointsOf(spec);
  const rows = verification ? endpointStates(eps, verification) : eps;
  return h('section', { class: 'endpoints', 'aria-label': 'Endpoints' },
    h('h4', {}, `Endpoints (${eps.length})`),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Method'), h('th', { scope: 'col' }, 'Path'), h('th', { scope: 'col' }, 'What'),
        verification ? h('th', { scope: 'col' }, 'Verified') : null)),
      h('tbody', {}, rows.map((e) => h('tr', {},
        h('td', {}, h('code', {}, e.method)), h('th', { scope: 'row' }, h('code', {}, e.path)), h('td', {}, e.summary || ''),
        verification ? h('td', {}, h('span', { class: `badge ep-${e.state}` }, STATE_WORDS[e.state]),
          e.tests ? h('span', { class: 'muted small' }, ` ${e.tests} test${e.tests === 1 ? '' : 's'}`) : null) : null))))));
}
