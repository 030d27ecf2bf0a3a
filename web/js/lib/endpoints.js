// The endpoints a normalized spec makes (the generated app's routes: auth, five per entity,
// one per action, health), and each one's state in a verification report: the tests of its
// group that touched it, by method and path shape.

export function endpointsOf(spec) {
  const s = spec || {};
  const out = [{ method: 'GET', path: '/health', group: 'health', summary: 'health check' }];
  if (s.auth && s.auth.enabled) {
    out.push({ method: 'POST', path: '/auth/register', group: 'auth', summary: 'sign up' });
    out.push({ method: 'POST', path: '/auth/login', group: 'auth', summary: 'sign in (token)' });
    out.push({ method: 'GET', path: '/auth/me', group: 'auth', summary: 'the signed-in user' });
  }
  for (const e of Array.isArray(s.entities) ? s.entities : []) {
    const plural = e.plural || String(e.name || '').toLowerCase();
    const group = `entity:${e.name}`;
    out.push({ method: 'GET', path: `/${plural}`, group, summary: `list ${plural}` });
    out.push({ method: 'POST', path: `/${plural}`, group, summary: `create a ${e.name}` });
    out.push({ method: 'GET', path: `/${plural}/{id}`, group, summary: `read a ${e.name}` });
    out.push({ method: 'PATCH', path: `/${plural}/{id}`, group, summary: `update a ${e.name}` });
    out.push({ method: 'DELETE', path: `/${plural}/{id}`, group, summary: `delete a ${e.name}` });
  }
  for (const a of Array.isArray(s.actions) ? s.actions : []) {
    out.push({ method: String(a.method || 'POST').toUpperCase(), path: a.path, group: `action:${a.name}`, summary: a.summary || a.name });
  }
  return out;
}

// "/tasks/17?x=1" matches "/tasks/{id}"; "/tasks" matches "/tasks".
function pathMatches(pattern, path) {
  const clean = String(path || '').split('?')[0].replace(/\/+$/, '') || '/';
  const re = new RegExp(`^${pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return re.test(clean);
}

// Each endpoint with {state: 'verified' | 'failed' | 'unchecked', tests}.
export function endpointStates(endpoints, verification) {
  const tests = verification && Array.isArray(verification.tests) ? verification.tests : [];
  return endpoints.map((ep) => {
    const mine = tests.filter((t) => t.request && String(t.request.method || '').toUpperCase() === ep.method
      && pathMatches(ep.path, t.request.path));
    const bad = mine.filter((t) => t.verdict === 'fail' || t.verdict === 'error').length;
    const good = mine.filter((t) => t.verdict === 'pass').length;
    const state = bad ? 'failed' : good ? 'verified' : 'unchecked';
    return { ...ep, state, tests: mine.length };
  });
}
