// One playbook: its definition in a JSON editor (or a new playbook's), its run history, and one
// run's actions with their inputs, outputs, errors and loop repetitions.
import { api, me, el, formatTime } from './api.js';
import {
  errorView, jsonBlock, playbookPage, playbookRights, resourceGroupOf, statusBadge, workflowsPath,
} from './playbook-common.js';

const params = new URLSearchParams(window.location.search);
const workspace = params.get('ws');
const name = params.get('name');
const runName = params.get('run');
const main = document.getElementById('playbook');
const RUNNING = ['Running', 'Waiting'];

// A new playbook starts from Sentinel's incident trigger and its connection, which acts on Vigil
// itself and needs no stored connection.
function starter() {
  const group = resourceGroupOf(workspace);
  return {
    definition: {
      $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
      contentVersion: '1.0.0.0',
      parameters: { $connections: { defaultValue: {}, type: 'Object' } },
      triggers: {
        Microsoft_Sentinel_incident: {
          type: 'ApiConnectionWebhook',
          inputs: {
            body: { callback_url: '@{listCallbackUrl()}' },
            host: { connection: { name: "@parameters('$connections')['azuresentinel']['connectionId']" } },
            path: '/incident-creation',
          },
        },
      },
      actions: {},
    },
    parameters: {
      $connections: {
        value: {
          azuresentinel: {
            connectionId: group + '/providers/Microsoft.Web/connections/azuresentinel',
            connectionName: 'azuresentinel',
            id: '/providers/Microsoft.Web/managedApis/azuresentinel',
          },
        },
      },
    },
  };
}

async function render() {
  if (!workspace) throw new Error('Open this page from the Playbooks page.');
  const rights = playbookRights(await me(), workspace);
  const playbook = name ? await api('GET', workflowsPath(workspace) + '/' + encodeURIComponent(name)) : null;
  document.title = `${name || 'New playbook'} – Vigil`;
  const badge = el('span', { class: 'badge', hidden: !playbook });
  const showState = (state) => {
    badge.textContent = state;
    badge.className = 'badge ' + (state === 'Enabled' ? 'state-enabled' : 'state-disabled');
  };
  if (playbook) showState(playbook.properties.state);
  const editor = editorCard(playbook, rights, (saved) => showState(saved.properties.state));
  const banner = el('header', { class: 'banner' },
    el('a', { href: '/ui/playbooks?ws=' + encodeURIComponent(workspace), class: 'back' }, '← Playbooks'),
    el('h1', {}, playbook ? playbook.name : 'New playbook'),
    badge);
  if (!playbook) {
    main.replaceChildren(banner, editor);
    return;
  }
  // Two tabs: the definition, and the run history with the chosen run above the list.
  const history = el('div', {}, runName ? runCard(playbook, rights) : null, runsCard(playbook));
  const panes = [editor, history];
  panes.forEach((pane, i) => {
    pane.id = 'pane-' + i;
    pane.setAttribute('role', 'tabpanel');
    pane.setAttribute('aria-labelledby', 'tab-' + i);
  });
  const buttons = ['Definition', 'Run history'].map((label, i) => el('button', {
    type: 'button', role: 'tab', id: 'tab-' + i, 'aria-controls': 'pane-' + i, onclick: () => select(i),
  }, label));
  function select(index) {
    buttons.forEach((b, i) => b.setAttribute('aria-selected', String(i === index)));
    panes.forEach((pane, i) => { pane.hidden = i !== index; });
  }
  main.replaceChildren(banner, el('div', { class: 'tabs', role: 'tablist' }, buttons), editor, history);
  select(runName ? 1 : 0);
}

function editorCard(playbook, rights, onSaved) {
  const initial = playbook ? playbook.properties : starter();
  let etag = playbook && playbook.etag;
  const readOnly = !rights.configure;
  const nameInput = playbook ? null : el('input', { name: 'name', required: true, maxlength: '80', pattern: '[A-Za-z0-9][A-Za-z0-9._()\\-]*', 'aria-label': 'Playbook name', placeholder: 'e.g. Reset-Password' });
  const state = el('select', { name: 'state', 'aria-label': 'State', disabled: readOnly },
    ['Enabled', 'Disabled'].map((s) => el('option', { value: s, selected: s === (initial.state || 'Enabled') }, s)));
  const definition = el('textarea', { name: 'definition', rows: '24', spellcheck: 'false', class: 'code', 'aria-label': 'Definition (JSON)', readonly: readOnly });
  definition.value = JSON.stringify(initial.definition, null, 2);
  const parameters = el('textarea', { name: 'parameters', rows: '8', spellcheck: 'false', class: 'code', 'aria-label': 'Parameters (JSON)', readonly: readOnly });
  parameters.value = JSON.stringify(initial.parameters || {}, null, 2);
  const result = el('div', { class: 'result', 'aria-live': 'polite' });

  // What the textarea holds, as an object; or null after saying what is wrong, before sending.
  function object(textarea, label) {
    textarea.removeAttribute('aria-invalid');
    if (textarea === parameters && !textarea.value.trim()) return {};
    try {
      const value = JSON.parse(textarea.value);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value;
      throw new Error('it must be a JSON object ({…}).');
    } catch (e) {
      textarea.setAttribute('aria-invalid', 'true');
      result.replaceChildren(errorView({ message: `${label} is not valid JSON: ${e.message}` }));
      textarea.focus();
      return null;
    }
  }

  async function save(event) {
    event.preventDefault();
    result.replaceChildren();
    const body = { properties: { definition: object(definition, 'The definition'), state: state.value } };
    if (!body.properties.definition) return;
    body.properties.parameters = object(parameters, 'The parameters');
    if (!body.properties.parameters) return;
    const target = playbook ? playbook.name : nameInput.value.trim();
    if (!target) {
      result.replaceChildren(errorView({ message: 'A new playbook needs a name.' }));
      nameInput.focus();
      return;
    }
    const path = workflowsPath(workspace) + '/' + encodeURIComponent(target);
    try {
      if (playbook) {
        body.location = playbook.location;
        const saved = await api('PUT', path, body, { 'If-Match': etag });
        etag = saved.etag;
        onSaved(saved);
        result.replaceChildren(el('p', { class: 'success', role: 'status' }, `Saved ${formatTime(saved.properties.changedTime)}.`));
        return;
      }
      // PUT replaces: a new playbook must not silently overwrite one of the same name.
      const existing = await api('GET', path).catch((e) => { if (e.status === 404) return null; throw e; });
      if (existing) {
        result.replaceChildren(errorView({ message: `A playbook named ${existing.name} exists already: choose another name, or open it to change it.` }));
        return;
      }
      await api('PUT', path, body);
      window.location.replace(playbookPage(workspace, target));
    } catch (e) {
      result.replaceChildren(errorView(e));
    }
  }

  // Pretty-prints both fields; text that does not parse is left as it is, with the reason shown.
  function format() {
    result.replaceChildren();
    for (const [area, label] of [[definition, 'The definition'], [parameters, 'The parameters']]) {
      const value = object(area, label);
      if (!value) return;
      area.value = JSON.stringify(value, null, 2);
    }
  }

  // Save and any problem sit above the long fields, where they are seen without scrolling.
  return el('section', { class: 'card playbook-editor' },
    el('form', { class: 'definition-form', onsubmit: save, novalidate: true },
      el('div', { class: 'form-row' },
        nameInput ? el('label', {}, 'Name ', nameInput) : null,
        el('label', {}, 'State ', state),
        readOnly ? el('span', { class: 'muted' }, 'Only a Contributor can change playbooks.') : [
          el('button', { type: 'submit', class: 'primary' }, 'Save'),
          el('button', { type: 'button', onclick: format }, 'Format JSON'),
        ]),
      result,
      el('label', { class: 'block' }, 'Definition', definition),
      el('label', { class: 'block' }, 'Parameters', parameters)));
}

// A repetition's place, counted from 1 as people count; nested loops give 2.1 and so on.
function repetition(r) {
  return (r.properties.repetitionIndexes || []).map((i) => i.itemIndex + 1).join('.') || r.name;
}

function runPath(playbook, run) {
  return playbook.id + '/runs/' + encodeURIComponent(run);
}

function duration(start, end) {
  if (!start || !end) return '';
  const ms = new Date(end) - new Date(start);
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function requester(run) {
  const by = run.properties.requestedBy;
  return (by && by.info && by.info.name) ? `${by.info.name} (${by.type})` : '';
}

// The runs, newest first, a page at a time; refreshed while any of them is still running.
function runsCard(playbook) {
  const body = el('tbody');
  const more = el('button', { type: 'button', hidden: true }, 'Older runs');
  const problem = el('div');
  const show = (promise) => promise.then(() => problem.replaceChildren(), (e) => problem.replaceChildren(errorView(e)));
  const card = el('section', { class: 'card runs' },
    el('div', { class: 'card-header' }, el('h2', {}, 'Run history'),
      el('button', { type: 'button', onclick: () => show(load()) }, 'Refresh')),
    problem,
    el('table', { class: 'incidents runs-table' },
      el('thead', {}, el('tr', {}, ['Status', 'Start', 'End', 'Duration', 'Trigger', 'Requested by'].map((h) => el('th', {}, h)))),
      body),
    more);
  let timer;

  function row(run) {
    const p = run.properties;
    return el('tr', { 'data-run': run.name, class: run.name === runName ? 'selected' : null },
      el('td', {}, statusBadge(p.status)),
      el('td', {}, el('a', { href: playbookPage(workspace, playbook.name, run.name) }, formatTime(p.startTime) || run.name)),
      el('td', {}, formatTime(p.endTime)),
      el('td', {}, duration(p.startTime, p.endTime)),
      el('td', {}, (p.trigger && p.trigger.name) || ''),
      el('td', {}, requester(run)));
  }

  async function load(link) {
    clearTimeout(timer);
    const page = await api('GET', link ? link.substring(link.indexOf('/subscriptions/')) : playbook.id + '/runs?$top=25');
    if (!link) body.replaceChildren();
    body.append(...page.value.map(row));
    if (!page.value.length && !link) body.append(el('tr', {}, el('td', { colspan: '6', class: 'muted' }, 'No runs yet.')));
    more.hidden = !page.nextLink;
    more.onclick = () => show(load(page.nextLink));
    if (!link && page.value.some((r) => RUNNING.includes(r.properties.status))) {
      timer = setTimeout(() => show(load()), 2000);
    }
  }

  show(load());
  return card;
}

// Nesting of actions in the definition (Foreach, If, Scope, Switch), to indent the run's actions.
function depths(actions, depth = 0, out = new Map()) {
  for (const [actionName, a] of Object.entries(actions || {})) {
    out.set(actionName, depth);
    depths(a.actions, depth + 1, out);
    depths(a.else && a.else.actions, depth + 1, out);
    depths(a.default && a.default.actions, depth + 1, out);
    for (const c of Object.values(a.cases || {})) depths(c.actions, depth + 1, out);
  }
  return out;
}

// One run: its status, trigger body, and each action; redrawn while it runs, keeping open
// what the user opened.
function runCard(playbook, rights) {
  const card = el('section', { class: 'card run-details', 'aria-label': 'Run ' + runName });
  const open = new Set();
  const nesting = depths(playbook.properties.definition.actions);
  let timer;

  function section(label, value) {
    return value === undefined || value === null ? null : el('div', { class: 'io' }, el('h4', {}, label), jsonBlock(value));
  }

  function details(key, summary, fill) {
    const node = el('details', { 'data-key': key }, el('summary', {}, summary));
    const body = el('div', { class: 'details-body' });
    node.append(body);
    const show = () => { if (node.open && !body.childNodes.length) fill(body); };
    node.addEventListener('toggle', () => { node.open ? open.add(key) : open.delete(key); show(); });
    if (open.has(key)) { node.open = true; show(); }
    return node;
  }

  // Actions of one run share the date: the time of day to the second, and how long it took.
  function times(p) {
    const clock = p.startTime ? new Date(p.startTime).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
    return el('span', { class: 'muted times', title: [p.startTime, p.endTime].filter(Boolean).join(' → ') },
      [clock, duration(p.startTime, p.endTime)].filter(Boolean).join(' · '));
  }

  function actionItem(action) {
    const p = action.properties;
    const depth = Math.min(nesting.get(action.name) || 0, 4);
    return el('li', { class: 'action depth-' + depth, 'data-action': action.name },
      details('action:' + action.name,
        [statusBadge(p.status), ' ', el('span', { class: 'action-name' }, action.name), ' ', el('span', { class: 'muted' }, p.type || ''),
          p.repetitionCount ? el('span', { class: 'muted' }, ` · ${p.repetitionCount} repetitions`) : '', ' ', times(p)],
        async (body) => {
          body.append(...[section('Inputs', p.inputs), section('Outputs', p.outputs), section('Error', p.error)].filter(Boolean));
          if (p.repetitionCount) {
            const list = el('ol', { class: 'repetitions', 'aria-label': 'Repetitions of ' + action.name });
            body.append(list);
            try {
              const reps = await api('GET', runPath(playbook, runName) + '/actions/' + encodeURIComponent(action.name) + '/repetitions');
              list.append(...reps.value.map((r) => el('li', { class: 'repetition', 'data-repetition': r.name },
                el('div', {}, statusBadge(r.properties.status), ' ', `Repetition ${repetition(r)}`, ' ', times(r.properties)),
                section('Inputs', r.properties.inputs), section('Outputs', r.properties.outputs), section('Error', r.properties.error))));
            } catch (e) {
              list.replaceWith(errorView(e));
            }
          }
          if (!body.childNodes.length) body.append(el('p', { class: 'muted' }, 'No inputs or outputs recorded.'));
        }));
  }

  // Why cancelling was refused (the run may have ended meanwhile), shown over the redrawn run.
  let refused = null;

  async function cancel(button) {
    button.disabled = true;
    try {
      await api('POST', runPath(playbook, runName) + '/cancel');
      refused = null;
    } catch (e) {
      refused = e;
    }
    await load();
  }

  async function load() {
    clearTimeout(timer);
    const [run, actions] = await Promise.all([
      api('GET', runPath(playbook, runName)),
      api('GET', runPath(playbook, runName) + '/actions'),
    ]);
    const p = run.properties;
    const running = RUNNING.includes(p.status);
    card.replaceChildren(
      el('div', { class: 'card-header' },
        el('h2', {}, 'Run ', el('span', { class: 'run-name' }, run.name)),
        statusBadge(p.status),
        running && rights.run ? el('button', { type: 'button', class: 'danger', onclick: (e) => cancel(e.target) }, 'Cancel run') : null,
        el('a', { href: playbookPage(workspace, playbook.name), class: 'close-run', 'aria-label': 'Close run details' }, '×')),
      el('p', { class: 'muted' }, [`Started ${formatTime(p.startTime)}`, p.endTime ? `ended ${formatTime(p.endTime)} (${duration(p.startTime, p.endTime)})` : 'still running',
        p.trigger && p.trigger.name ? `trigger ${p.trigger.name}` : '', requester(run) ? `requested by ${requester(run)}` : ''].filter(Boolean).join(' · ')),
      refused ? errorView(refused) : '',
      p.error ? el('div', { class: 'error' }, el('h4', {}, 'Error'), jsonBlock(p.error)) : '',
      details('trigger', 'Trigger body', (body) => body.append(jsonBlock(p.trigger && p.trigger.outputs ? p.trigger.outputs.body : null))),
      el('h3', {}, 'Actions'),
      actions.value.length
        ? el('ol', { class: 'run-actions' }, actions.value.map(actionItem))
        : el('p', { class: 'muted' }, 'No action has started yet.'));
    if (running) timer = setTimeout(() => load().catch((e) => card.append(errorView(e))), 2000);
  }

  load().catch((e) => card.replaceChildren(errorView(e)));
  return card;
}

render().catch((e) => {
  const hint = e.status === 403 || e.status === 404
    ? ' Playbooks need the Contributor or Playbook Operator role in a workspace of this resource group.'
    : '';
  main.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'Could not load the playbook: ' + e.message + hint));
});
