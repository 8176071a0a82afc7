// The workspace's default due times for new tasks, per incident severity, in hours after the
// incident's creation. Shown on the Automation page; editable by those who configure the workspace.
import { api, el } from './api.js';
import { duration, hours } from './duration.js';

const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'];


export async function dueDefaults(si, editable) {
  const url = si + '/taskDueDefaults';
  const error = el('p', { class: 'error', role: 'alert' });
  const saved = el('span', { class: 'muted', role: 'status' });
  const current = (await api('GET', url)).properties.bySeverity;
  const inputs = SEVERITIES.map((severity) => {
    const input = el('input', {
      type: 'number', min: '0.25', max: '8784', step: '0.25', name: 'due-' + severity,
      'aria-label': `Default due time of ${severity} incidents' tasks, in hours`,
      placeholder: 'none', disabled: !editable,
    });
    input.value = hours(current[severity]);
    return [severity, input];
  });
  const form = el('form', {
    class: 'due-defaults',
    onsubmit: async (event) => {
      event.preventDefault();
      error.textContent = '';
      saved.textContent = '';
      const bySeverity = {};
      for (const [severity, input] of inputs) {
        if (input.value !== '') bySeverity[severity] = duration(input.value);
      }
      try {
        await api('PUT', url, { properties: { bySeverity } });
        saved.textContent = 'Saved.';
      } catch (e) {
        error.textContent = e.message;
      }
    },
  },
  el('div', { class: 'due-defaults-grid' }, ...inputs.map(([severity, input]) =>
    el('label', {}, `${severity}: `, input, ' h'))),
  error,
  editable ? el('div', { class: 'form-buttons' }, el('button', { type: 'submit', class: 'primary' }, 'Save'), saved) : null);
  return el('section', { class: 'due-defaults-section', 'aria-label': 'Task due times by severity' },
    el('h2', {}, 'Task due times by severity'),
    el('p', { class: 'muted' }, 'New tasks that name no due time are due this long after their incident was created. Leave a severity empty for no default.'),
    form);
}
