// The Automation page: the workspace's automation rules in run order, with the Actions filter of
// Sentinel's page (a checkbox list with "Select all"), and enabling, reordering and deleting rules.
import { all, api, me, el, formatTime, canRespond, hasRole } from './api.js';
import { RuleWizard } from './rule-wizard.js';
import { dueDefaults } from './due-defaults.js';

const ACTIONS = [
  ['AddIncidentTask', 'Add task'],
  ['AddTaskTemplate', 'Add task template'],
  ['ModifyProperties', 'Change properties'],
  ['RunPlaybook', 'Run playbook'],
];
const workspace = new URLSearchParams(window.location.search).get('ws');
const si = workspace + '/providers/Microsoft.SecurityInsights';
const main = document.getElementById('automation');

function analyticsRuleIds(conditions) {
  const ids = [];
  for (const c of conditions || []) {
    const p = c.conditionProperties || {};
    if (p.propertyName === 'IncidentRelatedAnalyticRuleIds' || p.propertyName === 'AlertAnalyticRuleIds') {
      ids.push(...(p.propertyValues || []));
    }
    if (c.conditionType === 'Boolean') {
      for (const inner of p.innerConditions || []) ids.push(...analyticsRuleIds([inner]));
    }
  }
  return ids;
}

async function render() {
  const user = await me();
  const editable = canRespond(user, workspace);
  const names = new Map((await all(si + '/alertRules')).map((r) => [r.id.toLowerCase(), r.properties.displayName]));
  const boxes = ACTIONS.map(([type, label]) =>
    el('label', {}, el('input', { type: 'checkbox', name: 'action', value: type, checked: true }), ' ', label));
  const selectAll = el('input', { type: 'checkbox', name: 'select-all', checked: true });
  const filter = el('fieldset', { class: 'actions-filter' }, el('legend', {}, 'Actions'),
    el('label', {}, selectAll, ' Select all'), ...boxes);
  const table = el('table', { class: 'incidents rules' });
  const error = el('p', { class: 'error', role: 'alert' });
  const wizard = new RuleWizard(document.getElementById('rule-panel'), workspace, () => load());
  let rules = [];
  const nextOrder = () => Math.max(0, ...rules.map((r) => r.properties.order)) + 1;
  // Sentinel's "+ Create" menu; automation rules are what this page creates.
  const create = el('details', { class: 'menu' },
    el('summary', { class: 'primary' }, '+ Create'),
    el('button', { type: 'button', onclick: () => { create.open = false; wizard.open(undefined, nextOrder()); } }, 'Automation rule'));
  // The workspace's task due times are configuration, like the analytics rules: Contributors.
  const configures = hasRole(user, workspace, ['Contributor']);
  main.replaceChildren(
    el('header', { class: 'banner' },
      el('a', { href: '/ui/?ws=' + encodeURIComponent(workspace), class: 'back' }, '← Incidents'),
      el('h1', {}, 'Automation'),
      editable ? create : null),
    filter, error, el('div', { class: 'table-scroll' }, table),
    await dueDefaults(si, configures));

  const checked = () => boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
  selectAll.addEventListener('change', () => {
    boxes.forEach((b) => { b.querySelector('input').checked = selectAll.checked; });
    load();
  });
  boxes.forEach((b) => b.querySelector('input').addEventListener('change', () => {
    selectAll.checked = checked().length === ACTIONS.length;
    load();
  }));

  async function change(rule, edit) {
    const properties = JSON.parse(JSON.stringify(rule.properties));
    edit(properties);
    try {
      await api('PUT', rule.id, { etag: rule.etag, properties });
      error.textContent = '';
    } catch (e) {
      error.textContent = e.message;
    }
    await load();
  }

  async function load() {
    const types = checked();
    rules = [];
    if (types.length) {
      const query = new URLSearchParams();
      if (types.length < ACTIONS.length) {
        query.set('$filter', `properties/actions/any(a: ${types.map((t) => `a/actionType eq '${t}'`).join(' or ')})`);
      }
      rules = await all(si + '/automationRules' + (query.toString() ? '?' + query : ''));
    }
    table.replaceChildren(
      el('thead', {}, el('tr', {}, ['Order', 'Name', 'Trigger', 'Analytics rules', 'Actions', 'Status', 'Expiration', 'Last modified', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, rules.map((rule) => {
        const p = rule.properties;
        const logic = p.triggeringLogic || {};
        const analytics = analyticsRuleIds(logic.conditions).map((id) => names.get(id.toLowerCase()) || id.split('/').pop());
        return el('tr', { 'data-rule': rule.name },
          el('td', {}, p.order),
          el('td', {}, editable
            ? el('button', { type: 'button', class: 'link', 'aria-label': 'Edit ' + p.displayName, onclick: () => wizard.open(rule) }, p.displayName)
            : p.displayName),
          el('td', {}, `${logic.triggersOn} ${logic.triggersWhen}`),
          el('td', {}, analytics.join(', ') || '—'),
          el('td', {}, [...new Set((p.actions || []).map((a) => (ACTIONS.find(([t]) => t === a.actionType) || [a.actionType, a.actionType])[1]))].join(', ')),
          el('td', {}, logic.isEnabled ? 'Enabled' : 'Disabled'),
          el('td', {}, logic.expirationTimeUtc ? formatTime(logic.expirationTimeUtc) : '—'),
          el('td', {}, formatTime(p.lastModifiedTimeUtc)),
          el('td', { class: 'row-actions' }, editable ? [
            el('button', { type: 'button', 'aria-label': 'Move up ' + p.displayName, disabled: p.order <= 1, onclick: () => change(rule, (q) => { q.order -= 1; }) }, '↑'),
            el('button', { type: 'button', 'aria-label': 'Move down ' + p.displayName, disabled: p.order >= 1000, onclick: () => change(rule, (q) => { q.order += 1; }) }, '↓'),
            el('button', { type: 'button', onclick: () => change(rule, (q) => { q.triggeringLogic.isEnabled = !q.triggeringLogic.isEnabled; }) }, logic.isEnabled ? 'Disable' : 'Enable'),
            el('button', { type: 'button', onclick: async () => { if (confirm(`Delete the rule "${p.displayName}"?`)) { await api('DELETE', rule.id); await load(); } } }, 'Delete'),
          ] : []));
      })));
  }

  await load();
}

render().catch((e) => {
  main.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'Could not load the automation rules: ' + e.message));
});
