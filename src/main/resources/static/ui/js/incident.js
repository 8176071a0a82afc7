// The incident details page: properties, entities, alerts, comments, automation history, and the
// Tasks button that opens the Tasks panel.
import { api, me, el, formatTime, workspaceOf, richText, newId, canRespond } from './api.js';
import { TasksPanel } from './tasks.js';
import { chips } from './chips.js';
import { richTextEditor } from './editor.js';
import { canRunPlaybooks, runPlaybookControls } from './run-playbook.js';

const id = new URLSearchParams(window.location.search).get('id');
const main = document.getElementById('incident');
const panel = document.getElementById('tasks-panel');
// One Tasks panel for the page: redrawing the incident after a save keeps it, open or not.
let tasks;

function section(title, ...content) {
  return el('section', { class: 'card' }, el('h2', {}, title), ...content);
}

function propertiesForm(incident, editable, reload) {
  const p = incident.properties;
  const select = (name, values, current) => el('select', { name, 'aria-label': name, disabled: !editable },
    values.map((v) => el('option', { value: v, selected: v === current }, v)));
  const status = select('status', ['New', 'Active', 'Closed'], p.status);
  const severity = select('severity', ['Informational', 'Low', 'Medium', 'High'], p.severity);
  const classification = select('classification',
    ['', 'Undetermined', 'TruePositive', 'BenignPositive', 'FalsePositive'], p.classification || '');
  const owner = el('input', { name: 'owner', 'aria-label': 'owner', value: (p.owner && (p.owner.assignedTo || p.owner.email)) || '', disabled: !editable });
  // Labels keep their type (a label a rule assigned stays AutoAssigned); new ones are the user's.
  const labelNames = (p.labels || []).map((l) => l.labelName);
  const labelType = new Map((p.labels || []).map((l) => [l.labelName, l.labelType]));
  const error = el('div', { class: 'error', role: 'alert' });
  const form = el('form', {
    class: 'properties',
    onsubmit: async (event) => {
      event.preventDefault();
      const properties = {
        title: p.title, description: p.description, severity: severity.value, status: status.value,
        labels: labelNames.map((labelName) => ({ labelName, labelType: labelType.get(labelName) || 'User' })),
        owner: owner.value ? { assignedTo: owner.value, email: owner.value.includes('@') ? owner.value : undefined } : undefined,
      };
      if (status.value === 'Closed') {
        properties.classification = classification.value || 'Undetermined';
      }
      try {
        await api('PUT', id, { etag: incident.etag, properties });
        await reload();
      } catch (e) {
        if (e.code === 'MandatoryTasksOpen') {
          // Closing was refused: say which tasks hold the incident open, one per line.
          error.replaceChildren(
            el('strong', {}, 'The incident cannot be closed: these mandatory tasks are neither completed nor marked not applicable.'),
            el('ul', { class: 'problems', 'data-testid': 'blocking-tasks' }, e.details.map((d) => el('li', {}, d))),
            el('button', { type: 'button', class: 'link', onclick: () => document.getElementById('open-tasks').click() }, 'Open the tasks'));
        } else {
          error.textContent = e.message;
        }
      }
    },
  },
  el('label', {}, 'Status ', status),
  el('label', {}, 'Severity ', severity),
  el('label', {}, 'Classification (when closing) ', classification),
  el('label', {}, 'Owner ', owner),
  el('div', { class: 'labels' }, 'Labels ', editable
    ? chips(labelNames, null, 'Labels')
    : labelNames.map((l) => el('span', { class: 'label' }, l))),
  editable ? el('button', { type: 'submit', class: 'primary' }, 'Save') : null,
  error);
  return form;
}

// A new comment, rich text like Sentinel's; the server sanitises it.
function commentForm(reload) {
  const editor = richTextEditor('', 'New comment');
  const error = el('p', { class: 'error', role: 'alert' });
  return el('form', {
    class: 'comment-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const message = editor.html();
      if (!message) {
        error.textContent = 'Write a comment first.';
        return;
      }
      try {
        await api('PUT', id + '/comments/' + newId(), { properties: { message } });
        await reload();
      } catch (e) {
        error.textContent = e.message;
      }
    },
  }, editor.element, error, el('button', { type: 'submit', class: 'primary' }, 'Comment'));
}

async function render() {
  const user = await me();
  const workspace = workspaceOf(id);
  const editable = canRespond(user, workspace);
  const reload = async () => { await render(); };
  const incident = await api('GET', id);
  const p = incident.properties;
  const [entities, alerts, comments, runs] = await Promise.all([
    api('POST', id + '/entities').catch(() => ({ entities: [] })),
    api('POST', id + '/alerts').catch(() => ({ value: [] })),
    api('GET', id + '/comments').catch(() => ({ value: [] })),
    api('GET', id + '/automationRuns').catch(() => ({ value: [] })),
  ]);
  document.title = `${p.title} – Vigil`;
  const playbooks = canRunPlaybooks(user, workspace) ? runPlaybookControls(id, workspace) : {};
  const banner = el('header', { class: 'banner' },
    el('a', { href: '/ui/?ws=' + encodeURIComponent(workspace), class: 'back' }, '← Incidents'),
    el('h1', {}, el('span', { class: 'number' }, `#${p.incidentNumber}`), ' ', p.title),
    el('span', { class: 'badge severity-' + p.severity.toLowerCase() }, p.severity),
    el('span', { class: 'badge' }, p.status),
    playbooks.button,
    el('button', { type: 'button', class: 'primary', id: 'open-tasks', onclick: () => tasks.open() }, 'Tasks'));
  tasks = tasks || new TasksPanel(panel, id, user, editable);
  main.replaceChildren(
    banner,
    playbooks.card || '',
    section('Properties',
      el('p', {}, `Created ${formatTime(p.createdTimeUtc)} · last modified ${formatTime(p.lastModifiedTimeUtc)}`),
      // An incident's description is text as the alert or API client gave it, not rich text.
      p.description ? el('p', { class: 'description' }, p.description) : null,
      propertiesForm(incident, editable, reload)),
    section('Entities', el('ul', {}, (entities.entities || []).map((e) =>
      el('li', {}, el('strong', {}, e.kind), ' ', Object.entries(e.properties || {})
        .filter(([k]) => !['friendlyName'].includes(k)).slice(0, 3).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', '))))),
    section('Alerts', el('ul', {}, (alerts.value || []).map((a) =>
      el('li', {}, a.properties.alertDisplayName || a.name, ' ', el('span', { class: 'muted' }, a.properties.severity || ''))))),
    section('Comments', el('ul', { class: 'comments' }, (comments.value || []).map((c) =>
      el('li', {}, el('div', { class: 'muted' }, `${(c.properties.author && c.properties.author.name) || ''}, ${formatTime(c.properties.createdTimeUtc)}`),
        richText(c.properties.message)))),
      editable ? commentForm(reload) : null),
    section('Automation history', el('ul', {}, (runs.value || []).map((r) =>
      el('li', {}, `${formatTime(r.ranTimeUtc)} — ${r.ruleDisplayName}: `,
        r.actions.map((a) => `${a.actionType} ${a.status}`).join(', '))))));
}

render().catch((e) => {
  main.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'Could not load the incident: ' + e.message));
});
