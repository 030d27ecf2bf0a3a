// The spec in short: its name and title, then one table of fields per entity and the
// custom actions, if any.
import { h } from '../dom.js';

function fieldDetails(f) {
  const parts = [];
  if (f.type === 'reference' && f.entity) parts.push(`→ ${f.entity}${f.on_delete ? ` (on delete ${f.on_delete})` : ''}`);
  if (Array.isArray(f.values)) parts.push(`one of ${f.values.join(', ')}`);
  if (f.max_length !== undefined) parts.push(`max ${f.max_length} chars`);
  if (f.min !== undefined) parts.push(`min ${f.min}`);
  if (f.max !== undefined) parts.push(`max ${f.max}`);
  if (f.default !== undefined) parts.push(`default ${JSON.stringify(f.default)}`);
  if (f.description) parts.push(f.description);
  return parts.join('; ');
}

function entityTable(entity) {
  const fields = Array.isArray(entity.fields) ? entity.fields : [];
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'fields' },
      h('caption', {},
        h('strong', {}, entity.name),
        entity.table ? h('span', { class: 'muted' }, ` table ${entity.table}`) : null,
        entity.owned ? h('span', { class: 'badge' }, 'per user') : null),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Type'),
        h('th', { scope: 'col' }, 'Required'), h('th', { scope: 'col' }, 'Unique'),
        h('th', { scope: 'col' }, 'Details'))),
      h('tbody', {}, fields.map((f) => h('tr', {},
        h('th', { scope: 'row' }, h('code', {}, f.name)),
        h('td', {}, f.type),
        h('td', {}, f.required ? 'yes' : 'no'),
        h('td', {}, f.unique ? 'yes' : 'no'),
        h('td', {}, fieldDetails(f)))))));
}

export function specSummary(spec) {
  if (!spec || typeof spec !== 'object') return h('p', { class: 'muted' }, 'No spec.');
  const entities = Array.isArray(spec.entities) ? spec.entities : [];
  const actions = Array.isArray(spec.actions) ? spec.actions : [];
  return h('section', { class: 'spec', 'aria-label': 'Spec summary' },
    h('p', {},
      h('strong', {}, spec.title || spec.name || 'Untitled'),
      spec.name ? h('span', { class: 'muted' }, ` (${spec.name})`) : null,
      spec.auth && spec.auth.enabled ? h('span', { class: 'badge' }, 'accounts') : null),
    spec.description ? h('p', { class: 'muted' }, spec.description) : null,
    entities.length ? entities.map(entityTable) : h('p', { class: 'muted' }, 'No entities.'),
    actions.length
      ? h('div', {}, h('h4', {}, 'Actions'),
        h('ul', {}, actions.map((a) => h('li', {},
          h('code', {}, `${a.method || ''} ${a.path || a.name || ''}`.trim()),
          a.description ? ` — ${a.description}` : ''))))
      : null);
}
