// Polls one resource while it is unsettled: the first look after `first` ms, each next one
// `factor` times later up to `max`, back to `first` when the answer changes; stops for good
// once `settled(answer)` says so, and pauses while the page is hidden (one fresh look on
// return). Timers, the clock and visibility are passed in, so the unit test drives them.

export function nextDelay(step, { first = 1000, factor = 1.6, max = 8000 } = {}) {
  return Math.min(max, Math.round(first * factor ** Math.max(0, step)));
}

// load(): Promise of the answer. settled(answer): true when nothing will change by itself.
// key(answer): what counts as a change (resets the backoff). onAnswer / onError see each.
// alive(): false once the view is gone (the poller stops). env: {setTimeout, clearTimeout,
// hidden(): bool, onVisibility(fn): unsubscribe}.
export function createPoller({ load, settled, key = (a) => JSON.stringify(a), onAnswer, onError,
  alive = () => true, schedule = {}, env }) {
  let step = 0;
  let timer = null;
  let lastKey;
  let stopped = false;
  let inFlight = false;
  let requests = 0;

  function stop() {
    stopped = true;
    if (timer !== null) env.clearTimeout(timer);
    timer = null;
    unsubscribe();
  }

  function arm() {
    if (stopped || timer !== null || env.hidden()) return;
    timer = env.setTimeout(tick, nextDelay(step, schedule));
  }

  async function tick() {
    timer = null;
    if (stopped) return;
    if (!alive()) { stop(); return; }
    if (env.hidden() || inFlight) return;
    inFlight = true;
    requests += 1;
    try {
      const answer = await load();
      if (stopped) return;
      const k = key(answer);
      step = k === lastKey ? step + 1 : 0;
      lastKey = k;
      if (onAnswer) onAnswer(answer);
      if (settled(answer)) { stop(); return; }
    } catch (err) {
      if (stopped) return;
      step += 1; // errors back off too, so a failing server is not hammered
      if (onError && onError(err) === false) { stop(); return; }
    } finally {
      inFlight = false;
    }
    arm();
  }

  const unsubscribe = env.onVisibility(() => {
    if (stopped) return;
    if (env.hidden()) {
      if (timer !== null) env.clearTimeout(timer);
      timer = null;
    } else if (timer === null && !inFlight) {
      step = 0; // back after a while: look now, then back off again
      tick();
    }
  });

  return {
    // Starts after `first` ms (the caller has just loaded the resource itself).
    start(initial) {
      if (initial !== undefined) {
        lastKey = key(initial);
        if (settled(initial)) { stop(); return; }
      }
      arm();
    },
    stop,
    get stopped() { return stopped; },
    get requests() { return requests; },
  };
}

// The browser's timers and document visibility, for createPoller's env.
export function browserEnv() {
  return {
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (t) => window.clearTimeout(t),
    hidden: () => document.visibilityState === 'hidden',
    onVisibility: (fn) => {
      document.addEventListener('visibilitychange', fn);
      return () => document.removeEventListener('visibilitychange', fn);
    },
  };
}
