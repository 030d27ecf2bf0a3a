// Preview and Generate for any input (a prompt, a spec): Preview shows the plan, Generate
// streams the stages and then the result; errors are shown in plain words. The view
// supplies how to read its input and which API calls to make.
import { h, replace } from '../dom.js';
import { errorBox } from './error-box.js';
import { progressList } from './progress.js';
import { planPreview } from './plan-preview.js';
import { generationResult } from './generation-result.js';
import { statusBadge } from './status-badge.js';

// read() returns the input or a falsy value (after showing why); plan(input) and
// generate(input, onStage) are the API calls; busy(on) locks the form meanwhile.
export function wirePlanAndGenerate({ form, preview, output, busy, read, plan, generate }) {
  preview.addEventListener('click', async () => {
    const input = read();
    if (!input) return;
    busy(true);
    replace(output, h('p', { class: 'muted' }, 'Planning…'));
    try {
      replace(output, planPreview(await plan(input)));
    } catch (err) {
      replace(output, errorBox(err));
    } finally {
      busy(false);
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = read();
    if (!input) return;
    busy(true);
    const progress = progressList();
    const status = h('div', {});
    const badge = h('span', {}, statusBadge('generating'));
    replace(output, h('section', { class: 'card', 'aria-label': 'Generation' },
      h('h3', {}, 'Generating', badge), progress.el, status));
    try {
      const result = await generate(input, progress.stage);
      progress.stage('stored');
      replace(badge); // the result below carries the project's own status from here on
      output.append(generationResult(result));
    } catch (err) {
      progress.fail();
      replace(badge, statusBadge('error'));
      replace(status, errorBox(err));
    } finally {
      busy(false);
    }
  });
}
