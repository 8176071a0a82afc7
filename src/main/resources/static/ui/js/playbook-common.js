// What the playbook pages and the incident page's "Run playbook" share. Playbooks live in the
// resource group of a workspace, not in the workspace itself.
import { el } from './api.js';

// The resource group path of a workspace id: /subscriptions/{s}/resourceGroups/{rg}.
export function resourceGroupOf(workspace) {
  return workspace.substring(0, workspace.toLowerCase().indexOf('/providers/microsoft.operationalinsights'));
}

export function workflowsPath(workspace) {
  return resourceGroupOf(workspace) + '/providers/Microsoft.Logic/workflows';
}

export function playbookPage(workspace, name, run) {
  const query = new URLSearchParams({ ws: workspace });
  if (name) query.set('name', name);
  if (run) query.set('run', run);
  return '/ui/playbook?' + query;
}

// What the signed-in user may do with playbooks, from /api/me. The server decides for real; this
// only hides controls that would be refused. Roles count in every workspace of the resource
// group, as on the server.
export function playbookRights(user, workspace) {
  if (user.properties && user.properties.administrator) {
    return { view: true, run: true, configure: true };
  }
  const group = resourceGroupOf(workspace).toLowerCase() + '/';
  const roles = (user.roles || [])
    .filter((r) => r.scope.toLowerCase().startsWith(group))
    .map((r) => r.roleDefinitionName);
  const operator = roles.includes('Contributor') || roles.includes('PlaybookOperator');
  return { view: operator, run: operator, configure: roles.includes('Contributor') };
}

// The kind of a definition's trigger, in the words of Sentinel's playbook list.
export function triggerKind(definition) {
  const trigger = Object.values((definition && definition.triggers) || {})[0];
  if (!trigger) return '—';
  const path = ((trigger.inputs && trigger.inputs.path) || '').toLowerCase();
  if (trigger.type === 'ApiConnectionWebhook' && path === '/incident-creation') return 'Microsoft Sentinel incident';
  if (trigger.type === 'ApiConnectionWebhook' && path === '/subscribe') return 'Microsoft Sentinel alert';
  if (trigger.type === 'Request') return 'Manual (HTTP request)';
  return trigger.type;
}

export function isIncidentPlaybook(playbook) {
  return triggerKind(playbook.properties.definition) === 'Microsoft Sentinel incident';
}

// A refused request: its message, or, when the server listed several problems, each problem as a
// list item with the action (or trigger) it names picked out.
export function errorView(error) {
  const box = el('div', { class: 'error', role: 'alert' });
  const details = error.details || [];
  if (!details.length) {
    box.append(el('p', {}, error.message));
    return box;
  }
  const at = error.message.indexOf(details[0]);
  box.append(el('p', {}, at > 0 ? error.message.substring(0, at).replace(/[:\s]+$/, ':') : 'The server refused it:'));
  box.append(el('ul', { class: 'problems' }, details.map((problem) => {
    const named = /^((?:action|trigger) '.*?'): (.*)$/s.exec(problem);
    return named
      ? el('li', { 'data-problem-of': named[1] }, el('strong', {}, named[1]), ': ', named[2])
      : el('li', {}, problem);
  })));
  return box;
}

export function statusBadge(status) {
  return el('span', { class: 'badge status-' + String(status).toLowerCase() }, status);
}

// JSON shown as text, never parsed as HTML.
export function jsonBlock(value) {
  return el('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}
