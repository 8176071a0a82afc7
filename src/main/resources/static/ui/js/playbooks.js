// The Playbooks page: the playbooks of the workspace's resource group, enabling, disabling and
// deleting them, "New playbook", and importing a Sentinel playbook's ARM template.
import { all, api, me, el, formatTime } from './api.js';
import { errorView, playbookPage, playbookRights, triggerKind, workflowsPath, resourceGroupOf } from './playbook-common.js';

const workspace = new URLSearchParams(window.location.search).get('ws');
const main = document.getElementById('playbooks');

async function render() {
  if (!workspace) throw new Error('Open this page from a workspace\'s incidents page.');
  const rights = playbookRights(await me(), workspace);
  const table = el('table', { class: 'incidents playbooks' });
  const message = el('div', { 'aria-live': 'polite' });
  main.replaceChildren(
    el('header', { class: 'banner' },
      el('a', { href: '/ui/?ws=' + encodeURIComponent(workspace), class: 'back' }, '← Incidents'),
      el('h1', {}, 'Playbooks'),
      rights.configure ? el('a', { href: playbookPage(workspace), class: 'primary', id: 'new-playbook' }, 'New playbook') : null),
    el('p', { class: 'muted' }, 'Playbooks of the resource group ', resourceGroupOf(workspace).split('/').pop(), '.'),
    message, table,
    rights.configure ? importForm(load) : '');

  // Enabling and disabling send the playbook back whole, with its etag so that a change made
  // meanwhile by someone else is refused rather than overwritten.
  async function change(action) {
    message.replaceChildren();
    try {
      await action();
    } catch (e) {
      message.replaceChildren(errorView(e));
    }
    await load();
  }

  async function load() {
    const playbooks = await all(workflowsPath(workspace));
    table.replaceChildren(
      el('thead', {}, el('tr', {}, ['Name', 'Trigger', 'Status', 'Last modified', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, playbooks.length ? playbooks.map((p) => {
        const enabled = p.properties.state === 'Enabled';
        const toggle = () => change(() => api('PUT', p.id, {
          location: p.location,
          properties: { definition: p.properties.definition, parameters: p.properties.parameters, state: enabled ? 'Disabled' : 'Enabled' },
        }, { 'If-Match': p.etag }));
        const remove = () => {
          if (confirm(`Delete the playbook "${p.name}"? Its run history goes with it.`)) {
            change(() => api('DELETE', p.id));
          }
        };
        return el('tr', { 'data-playbook': p.name },
          el('td', {}, el('a', { href: playbookPage(workspace, p.name) }, p.name)),
          el('td', {}, triggerKind(p.properties.definition)),
          el('td', {}, el('span', { class: 'badge ' + (enabled ? 'state-enabled' : 'state-disabled') }, p.properties.state)),
          el('td', {}, formatTime(p.properties.changedTime)),
          el('td', { class: 'row-actions' }, rights.configure ? [
            el('button', { type: 'button', onclick: toggle }, enabled ? 'Disable' : 'Enable'),
            el('button', { type: 'button', onclick: remove }, 'Delete'),
          ] : []));
      }) : el('tr', {}, el('td', { colspan: '5', class: 'muted' }, 'No playbooks yet.'))));
  }

  await load();
}

// Import of an exported azuredeploy.json: pasted or read from a file. Once the text parses, each
// template parameter gets a field, its default value as placeholder; empty fields keep the default.
function importForm(reload) {
  const template = el('textarea', { name: 'template', rows: '6', spellcheck: 'false', class: 'code', 'aria-label': 'ARM template (azuredeploy.json)', placeholder: 'Paste azuredeploy.json here, or choose the file.' });
  const file = el('input', { type: 'file', name: 'template-file', accept: '.json,application/json', 'aria-label': 'Template file' });
  const fields = el('div', { class: 'template-parameters' });
  const result = el('div', { 'aria-live': 'polite' });
  let parameters = {};

  function parsed() {
    try {
      const json = JSON.parse(template.value);
      return json && typeof json === 'object' && !Array.isArray(json) ? json : null;
    } catch {
      return null;
    }
  }

  function showParameters() {
    const json = parsed();
    parameters = (json && json.parameters) || {};
    fields.replaceChildren(...Object.entries(parameters).map(([name, p]) => el('label', {},
      el('span', {}, name),
      el('input', {
        name: 'parameter', 'data-parameter': name, 'aria-label': 'Template parameter ' + name,
        placeholder: p.defaultValue === undefined ? 'required' : (typeof p.defaultValue === 'string' ? p.defaultValue : JSON.stringify(p.defaultValue)),
      }))));
  }

  template.addEventListener('input', showParameters);
  file.addEventListener('change', async () => {
    if (file.files.length) {
      template.value = await file.files[0].text();
      showParameters();
    }
  });

  async function submit(event) {
    event.preventDefault();
    result.replaceChildren();
    let json;
    try {
      json = JSON.parse(template.value);
    } catch (e) {
      result.replaceChildren(errorView({ message: 'The template is not valid JSON: ' + e.message }));
      return;
    }
    const values = {};
    for (const input of fields.querySelectorAll('input[data-parameter]')) {
      if (!input.value) continue;
      const name = input.dataset.parameter;
      const type = String(parameters[name].type || 'string').toLowerCase();
      if (type === 'string' || type === 'securestring') {
        values[name] = input.value;
      } else {
        try {
          values[name] = JSON.parse(input.value);
        } catch {
          result.replaceChildren(errorView({ message: `The parameter ${name} is of type ${parameters[name].type}: write it as JSON.` }));
          return;
        }
      }
    }
    try {
      const imported = await api('POST', resourceGroupOf(workspace) + '/providers/Microsoft.Logic/importTemplate', { template: json, parameters: values });
      result.replaceChildren(el('div', { class: 'success', role: 'status' }, 'Imported: ',
        imported.value.flatMap((p, i) => [i ? ', ' : '', el('a', { href: playbookPage(workspace, p.name) }, p.name)])));
      template.value = '';
      file.value = '';
      showParameters();
      await reload();
    } catch (e) {
      result.replaceChildren(errorView(e));
    }
  }

  return el('section', { class: 'card import' },
    el('h2', {}, 'Import a template'),
    el('p', { class: 'muted' }, 'A Sentinel playbook exported as an ARM template. Connections it declares are created without credentials: complete them before the playbook runs.'),
    el('form', { class: 'import-form', onsubmit: submit },
      template, file, fields,
      el('div', { class: 'form-buttons' }, el('button', { type: 'submit', class: 'primary' }, 'Import')),
      result));
}

render().catch((e) => {
  const hint = e.status === 403 || e.status === 404
    ? ' Playbooks need the Contributor or Playbook Operator role in a workspace of this resource group.'
    : '';
  main.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'Could not load the playbooks: ' + e.message + hint));
});
