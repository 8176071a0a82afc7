// "Run playbook" on an incident, as on Sentinel's incident page: choose one of the resource group's
// enabled playbooks with the Microsoft Sentinel incident trigger and run it on this incident.
import { all, api, el, hasRole } from './api.js';
import { errorView, isIncidentPlaybook, playbookPage, workflowsPath } from './playbook-common.js';

// Running a playbook on an incident needs RunPlaybooks in the incident's workspace (Contributor,
// Playbook Operator). The server enforces it; the button is only hidden from everyone else.
export function canRunPlaybooks(user, workspace) {
  return hasRole(user, workspace, ['Contributor', 'PlaybookOperator']);
}

// The banner's button and the card it opens below the banner.
export function runPlaybookControls(incidentId, workspace) {
  const card = el('section', { class: 'card run-playbook', hidden: true, 'aria-label': 'Run playbook' });
  const button = el('button', {
    type: 'button', id: 'run-playbook', 'aria-expanded': 'false',
    onclick: () => (card.hidden ? show() : hide()),
  }, 'Run playbook');

  function hide() {
    card.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  }

  async function show() {
    card.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    card.replaceChildren(el('h2', {}, 'Run playbook'), el('p', { class: 'muted' }, 'Loading playbooks…'));
    let playbooks;
    try {
      playbooks = (await all(workflowsPath(workspace)))
        .filter((p) => p.properties.state === 'Enabled' && isIncidentPlaybook(p));
    } catch (e) {
      card.replaceChildren(el('h2', {}, 'Run playbook'), errorView(e));
      return;
    }
    if (!playbooks.length) {
      card.replaceChildren(el('h2', {}, 'Run playbook'),
        el('p', {}, 'No enabled playbook with a Microsoft Sentinel incident trigger in this resource group.'),
        el('button', { type: 'button', onclick: hide }, 'Close'));
      return;
    }
    const select = el('select', { name: 'playbook', 'aria-label': 'Playbook' },
      playbooks.map((p) => el('option', { value: p.id }, p.name)));
    const result = el('div', { 'aria-live': 'polite' });
    const submit = el('button', { type: 'submit', class: 'primary' }, 'Run');
    card.replaceChildren(el('h2', {}, 'Run playbook'),
      el('form', {
        class: 'run-playbook-form',
        onsubmit: async (event) => {
          event.preventDefault();
          result.replaceChildren();
          submit.disabled = true;
          const chosen = playbooks.find((p) => p.id === select.value);
          try {
            const started = await api('POST', incidentId + '/runPlaybook', { logicAppsResourceId: chosen.id });
            const run = started && started.location ? started.location.split('/').pop() : null;
            result.replaceChildren(el('p', { class: 'success', role: 'status' }, `Playbook ${chosen.name} started. `,
              el('a', { href: playbookPage(workspace, chosen.name, run) }, run ? 'View the run' : 'View its runs')));
          } catch (e) {
            result.replaceChildren(errorView(e));
          } finally {
            submit.disabled = false;
          }
        },
      }, select, submit, el('button', { type: 'button', onclick: hide }, 'Close')),
      result);
    select.focus();
  }

  return { button, card };
}
