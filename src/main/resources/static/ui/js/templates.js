// The Task templates page: the workspace's task templates with their version and number of tasks,
// a JSON editor to create and change one (each saved change is a new version, listed under it),
// and import and export of templates as JSON.
import { all, api, me, el, formatTime, canRespond } from './api.js';
import { errorView } from './playbook-common.js';

const workspace = new URLSearchParams(window.location.search).get('ws');
const si = workspace + '/providers/Microsoft.SecurityInsights';
const main = document.getElementById('templates');

// What "New template" starts from: every field a template task takes.
const STARTER = {
  displayName: 'Phishing',
  description: 'Steps for a reported phishing mail',
  tasks: [
    {
      title: 'Reset the user\'s password',
      description: '<ol><li>Reset the password</li><li>Revoke the sessions</li></ol>',
      assignedTo: { type: 'Role', name: 'Responder' },
      dueAfterIncidentCreated: 'PT4H',
      mandatory: true,
    },
    { title: 'Block the sender' },
  ],
};

// The part of a template that its JSON editor edits; the rest is the server's to set.
function editable(properties) {
  const { displayName, description, tasks } = properties;
  return { displayName, description, tasks };
}

async function render() {
  if (!workspace) throw new Error('Open this page from a workspace\'s incidents page.');
  const writer = canRespond(await me(), workspace);
  const table = el('table', { class: 'incidents templates' });
  const message = el('div', { 'aria-live': 'polite' });
  const editor = el('section', { class: 'card', id: 'template-editor', hidden: true });
  main.replaceChildren(
    el('header', { class: 'banner' },
      el('a', { href: '/ui/?ws=' + encodeURIComponent(workspace), class: 'back' }, '← Incidents'),
      el('h1', {}, 'Task templates'),
      writer ? el('button', { type: 'button', class: 'primary', id: 'new-template', onclick: () => edit(null) }, 'New template') : null),
    el('p', { class: 'muted' }, 'Lists of tasks to apply to an incident from its Tasks panel or by an automation rule. '
      + 'Applying a template again adds only the tasks the incident does not have yet.'),
    message, table, editor, transfer(writer, load));

  async function load() {
    const templates = await all(si + '/taskTemplates');
    table.replaceChildren(
      el('thead', {}, el('tr', {}, ['Template', 'Version', 'Tasks', 'Last modified', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, templates.length ? templates.map((t) => {
        const p = t.properties;
        const remove = async () => {
          if (!confirm(`Delete the task template "${p.displayName}" with all its versions? Tasks it added stay on their incidents.`)) return;
          message.replaceChildren();
          try {
            await api('DELETE', t.id);
          } catch (e) {
            message.replaceChildren(errorView(e));
          }
          editor.hidden = true;
          await load();
        };
        return el('tr', { 'data-template': t.name },
          el('td', {}, el('strong', {}, p.displayName), el('div', { class: 'muted' }, t.name)),
          el('td', { class: 'version' }, String(p.version)),
          el('td', { class: 'task-count' }, String(p.tasks.length)),
          el('td', {}, `${formatTime(p.lastModifiedTimeUtc)} by ${(p.lastModifiedBy && p.lastModifiedBy.name) || 'unknown'}`),
          el('td', { class: 'row-actions' },
            el('button', { type: 'button', onclick: () => edit(t) }, writer ? 'Edit' : 'View'),
            writer ? el('button', { type: 'button', onclick: remove }, 'Delete') : null));
      }) : el('tr', {}, el('td', { colspan: '5', class: 'muted' }, 'No task templates yet.'))));
  }

  // The JSON editor of one template (null: a new one), saved with the etag it was read with, and
  // the versions it has had.
  function edit(template) {
    const name = el('input', { type: 'text', name: 'name', 'aria-label': 'Template name', required: true, placeholder: 'phishing', value: template ? template.name : '', disabled: Boolean(template) });
    const json = el('textarea', { name: 'template', class: 'code', rows: '18', spellcheck: 'false', 'aria-label': 'Template JSON', readonly: !writer });
    json.value = JSON.stringify(template ? editable(template.properties) : STARTER, null, 2);
    const result = el('div', { class: 'result', 'aria-live': 'polite' });
    const versions = el('ol', { class: 'versions', 'aria-label': 'Versions' });
    const heading = el('h2', {}, template ? template.properties.displayName : 'New task template');
    let etag = template && template.etag;
    async function showVersions(path) {
      const list = await all(path + '/versions');
      versions.replaceChildren(...list.map((v) => el('li', {},
        el('strong', {}, `Version ${v.name}`),
        ` — ${v.properties.tasks.length} tasks, ${formatTime(v.properties.createdTimeUtc)} by ${(v.properties.createdBy && v.properties.createdBy.name) || 'unknown'}`)));
    }
    async function save(event) {
      event.preventDefault();
      result.replaceChildren();
      let properties;
      try {
        properties = JSON.parse(json.value);
      } catch (e) {
        json.setAttribute('aria-invalid', 'true');
        result.replaceChildren(errorView({ message: 'The template is not valid JSON: ' + e.message }));
        return;
      }
      json.removeAttribute('aria-invalid');
      try {
        const path = si + '/taskTemplates/' + encodeURIComponent(name.value.trim());
        const saved = await api('PUT', path, { properties }, etag ? { 'If-Match': etag } : {});
        etag = saved.etag;
        name.disabled = true;
        heading.textContent = saved.properties.displayName;
        json.value = JSON.stringify(editable(saved.properties), null, 2);
        result.replaceChildren(el('p', { class: 'success', role: 'status' }, `Saved: version ${saved.properties.version}.`));
        await Promise.all([load(), showVersions(path)]);
      } catch (e) {
        result.replaceChildren(errorView(e));
      }
    }
    editor.hidden = false;
    editor.replaceChildren(
      el('div', { class: 'card-header' },
        heading,
        el('button', { type: 'button', class: 'close', 'aria-label': 'Close the editor', onclick: () => { editor.hidden = true; } }, '×')),
      el('p', { class: 'muted' }, 'Each task: title, description (HTML), assignedTo ({"type": "User" or "Role", "name"}), '
        + 'dueAfterIncidentCreated (e.g. "PT4H"), mandatory, and key, which names the task across versions (made from the title when left out).'),
      el('form', { class: 'definition-form', onsubmit: save },
        el('label', { class: 'block' }, 'Name', name),
        el('label', { class: 'block' }, 'Template', json),
        writer ? el('div', { class: 'form-buttons' }, el('button', { type: 'submit', class: 'primary' }, 'Save')) : null,
        result),
      el('h3', {}, 'Versions'), versions);
    if (template) {
      showVersions(template.id).catch((e) => versions.replaceChildren(el('li', { class: 'error' }, e.message)));
    }
    editor.scrollIntoView({ block: 'start' });
    (template ? json : name).focus();
  }

  await load();
}

// Import and export: the document POST …/exportTaskTemplates answers, which
// POST …/importTaskTemplates takes back, shown as text and offered as a file.
function transfer(writer, reload) {
  const documentText = el('textarea', { name: 'document', class: 'code', rows: '8', spellcheck: 'false', 'aria-label': 'Templates JSON', placeholder: 'Paste exported templates here, or choose the file.' });
  const file = el('input', { type: 'file', accept: '.json,application/json', 'aria-label': 'Templates file' });
  const download = el('a', { class: 'download', hidden: true, download: 'task-templates.json' }, 'Download task-templates.json');
  const result = el('div', { 'aria-live': 'polite' });
  file.addEventListener('change', async () => {
    if (file.files.length) documentText.value = await file.files[0].text();
  });
  async function exportAll() {
    result.replaceChildren();
    try {
      const exported = await api('POST', si + '/exportTaskTemplates', {});
      documentText.value = JSON.stringify(exported, null, 2);
      URL.revokeObjectURL(download.href);
      download.href = URL.createObjectURL(new Blob([documentText.value], { type: 'application/json' }));
      download.hidden = false;
    } catch (e) {
      result.replaceChildren(errorView(e));
    }
  }
  async function importAll(event) {
    event.preventDefault();
    result.replaceChildren();
    let json;
    try {
      json = JSON.parse(documentText.value);
    } catch (e) {
      result.replaceChildren(errorView({ message: 'The templates are not valid JSON: ' + e.message }));
      return;
    }
    try {
      const imported = await api('POST', si + '/importTaskTemplates', json);
      result.replaceChildren(el('p', { class: 'success', role: 'status' }, 'Imported: ',
        imported.value.map((t) => `${t.name} (version ${t.properties.version})`).join(', ')));
      await reload();
    } catch (e) {
      result.replaceChildren(errorView(e));
    }
  }
  return el('section', { class: 'card import' },
    el('h2', {}, 'Import and export'),
    el('form', { class: 'import-form', onsubmit: importAll },
      documentText, writer ? file : null,
      el('div', { class: 'form-buttons' },
        el('button', { type: 'button', id: 'export-templates', onclick: exportAll }, 'Export all'),
        writer ? el('button', { type: 'submit', class: 'primary' }, 'Import') : null,
        download),
      result));
}

render().catch((e) => {
  main.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'Could not load the task templates: ' + e.message));
});
