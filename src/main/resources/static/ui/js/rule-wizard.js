// The automation rule wizard, a panel on the right of the Automation page as in Sentinel: name,
// trigger, conditions (the analytics rules, then advanced conditions in the full condition
// language), actions, expiration and order; "Test on an incident" runs the dry run on the draft.
// The form edits the rule in its API shape, so a rule saved over the API opens here unchanged.
import { all, api, el, newId, revealPanel } from './api.js';
import { richTextEditor } from './editor.js';
import { chips } from './chips.js';
import { duration, hours } from './duration.js';

const TRIGGERS = [
  ['Incidents/Created', 'When incident is created', 'IncidentCreated'],
  ['Incidents/Updated', 'When incident is updated', 'IncidentUpdated'],
  ['Alerts/Created', 'When alert is created', 'AlertCreated'],
];
const OPERATORS = ['Equals', 'NotEquals', 'Contains', 'NotContains', 'StartsWith', 'NotStartsWith', 'EndsWith', 'NotEndsWith'];
const INCIDENT_PROPERTIES = [
  ['IncidentTitle', 'Title'], ['IncidentDescription', 'Description'], ['IncidentSeverity', 'Severity'],
  ['IncidentStatus', 'Status'], ['IncidentLabel', 'Tag'], ['IncidentTactics', 'Tactics'],
  ['IncidentProviderName', 'Incident provider'], ['IncidentUpdatedBySource', 'Updated by'],
  ['IncidentRelatedAnalyticRuleIds', 'Analytic rule ids'], ['AlertProductNames', 'Alert product names'],
  ['AlertAnalyticRuleIds', 'Alert analytic rule ids'],
];
const ENTITY_PROPERTIES = [
  'AccountAadTenantId', 'AccountAadUserId', 'AccountName', 'AccountNTDomain', 'AccountPUID', 'AccountSid',
  'AccountObjectGuid', 'AccountUPNSuffix', 'AzureResourceResourceId', 'AzureResourceSubscriptionId',
  'CloudApplicationAppId', 'CloudApplicationAppName', 'DNSDomainName', 'FileDirectory', 'FileName',
  'FileHashValue', 'HostAzureID', 'HostName', 'HostNetBiosName', 'HostNTDomain', 'HostOSVersion',
  'IoTDeviceId', 'IoTDeviceName', 'IoTDeviceType', 'IoTDeviceVendor', 'IoTDeviceModel',
  'IoTDeviceOperatingSystem', 'IPAddress', 'MailboxDisplayName', 'MailboxPrimaryAddress', 'MailboxUPN',
  'MailMessageDeliveryAction', 'MailMessageDeliveryLocation', 'MailMessageRecipient', 'MailMessageSenderIP',
  'MailMessageSubject', 'MailMessageP1Sender', 'MailMessageP2Sender', 'MalwareCategory', 'MalwareName',
  'ProcessCommandLine', 'ProcessId', 'RegistryKey', 'RegistryValueData', 'Url',
];
// Values offered as suggestions where the property has a fixed set.
const SUGGESTIONS = {
  IncidentSeverity: ['High', 'Medium', 'Low', 'Informational'],
  IncidentStatus: ['New', 'Active', 'Closed'],
  IncidentUpdatedBySource: ['Alert', 'Incident', 'User', 'Playbook', 'AutomationRule', 'Other'],
  IncidentTactics: ['InitialAccess', 'Execution', 'Persistence', 'PrivilegeEscalation', 'DefenseEvasion',
    'CredentialAccess', 'Discovery', 'LateralMovement', 'Collection', 'Exfiltration', 'CommandAndControl', 'Impact'],
};
const ACTION_TYPES = [
  ['AddIncidentTask', 'Add task'],
  ['AddTaskTemplate', 'Add task template'],
  ['ModifyProperties', 'Change properties'],
  ['RunPlaybook', 'Run playbook'],
];
const REASONS = {
  TruePositive: ['SuspiciousActivity'],
  BenignPositive: ['SuspiciousButExpected'],
  FalsePositive: ['IncorrectAlertLogic', 'InaccurateData'],
  Undetermined: [],
};

const copy = (value) => JSON.parse(JSON.stringify(value));
const select = (attributes, options, current) => el('select', attributes,
  options.map(([value, label]) => el('option', { value, selected: value === current }, label)));
const pairs = (values) => values.map((v) => [v, v]);

function propertySelect(condition, onChange) {
  const p = condition.conditionProperties;
  return el('select', {
    'aria-label': 'Property',
    onchange: (e) => { p.propertyName = e.target.value; onChange(); },
  },
  el('optgroup', { label: 'Incident' }, INCIDENT_PROPERTIES.map(([v, l]) => el('option', { value: v, selected: v === p.propertyName }, l))),
  el('optgroup', { label: 'Entities' }, ENTITY_PROPERTIES.map((v) => el('option', { value: v, selected: v === p.propertyName }, v))));
}

const operatorSelect = (p) => select({ 'aria-label': 'Operator', onchange: (e) => { p.operator = e.target.value; } }, pairs(OPERATORS), p.operator);

export class RuleWizard {
  constructor(container, workspace, onSaved) {
    this.container = container;
    this.workspace = workspace;
    this.si = workspace + '/providers/Microsoft.SecurityInsights';
    this.onSaved = onSaved;
  }

  close() {
    this.container.hidden = true;
    this.container.replaceChildren();
  }

  // Opens the wizard on a new rule (rule undefined) or on a stored one.
  async open(rule, nextOrder) {
    const [analytics, playbooks, templates, incidents] = await Promise.all([
      all(this.si + '/alertRules').catch(() => []),
      all(this.workspace.substring(0, this.workspace.indexOf('/providers/')) + '/providers/Microsoft.Logic/workflows').catch(() => []),
      all(this.si + '/taskTemplates').catch(() => []),
      api('GET', this.si + '/incidents?$top=50&$orderby=properties/createdTimeUtc desc').then((p) => p.value).catch(() => []),
    ]);
    this.analytics = analytics;
    this.playbooks = playbooks;
    this.templates = templates;
    this.name = rule ? rule.name : newId();
    this.etag = rule ? rule.etag : undefined;
    const p = rule ? copy(rule.properties) : {
      displayName: '', order: Math.min(nextOrder || 1, 1000),
      triggeringLogic: { isEnabled: true, triggersOn: 'Incidents', triggersWhen: 'Created', conditions: [] },
      actions: [],
    };
    const logic = p.triggeringLogic;
    this.trigger = `${logic.triggersOn}/${logic.triggersWhen}`;
    // The analytics rules condition is the first top-level "contains these rule ids" condition.
    const conditions = logic.conditions || [];
    const index = conditions.findIndex((c) => c.conditionType === 'Property'
      && ['IncidentRelatedAnalyticRuleIds', 'AlertAnalyticRuleIds'].includes(c.conditionProperties.propertyName)
      && c.conditionProperties.operator === 'Contains');
    this.ruleIds = new Set(index >= 0 ? conditions[index].conditionProperties.propertyValues : []);
    this.conditions = conditions.filter((_, i) => i !== index);
    this.actions = [];

    const displayName = el('input', { type: 'text', name: 'displayName', 'aria-label': 'Automation rule name', required: true, maxlength: '500', value: p.displayName });
    const trigger = select({ name: 'trigger', 'aria-label': 'Trigger', onchange: (e) => { this.trigger = e.target.value; this.drawConditions(); this.drawActionChoices(); } },
      TRIGGERS.map(([v, l]) => [v, l]), this.trigger);
    const expiration = el('input', { type: 'datetime-local', name: 'expiration', 'aria-label': 'Rule expiration' });
    if (logic.expirationTimeUtc) {
      const d = new Date(logic.expirationTimeUtc);
      expiration.value = new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().substring(0, 16);
    }
    const order = el('input', { type: 'number', name: 'order', 'aria-label': 'Order', min: '1', max: '1000', value: String(p.order) });
    const enabled = el('input', { type: 'checkbox', name: 'enabled', checked: logic.isEnabled !== false });
    this.conditionList = el('div', { class: 'conditions' });
    this.actionList = el('ol', { class: 'wizard-actions', 'aria-label': 'Actions' });
    this.actionChoices = el('span');
    const error = el('p', { class: 'error', role: 'alert' });
    this.dryRunResult = el('div', { class: 'dry-run', 'aria-live': 'polite' });
    const testIncident = select({ 'aria-label': 'Incident to test on' },
      incidents.map((i) => [i.name, `#${i.properties.incidentNumber} ${i.properties.title}`]));

    const read = () => {
      const [triggersOn, triggersWhen] = this.trigger.split('/');
      const top = [];
      if (this.ruleIds.size) {
        top.push({
          conditionType: 'Property',
          conditionProperties: {
            propertyName: triggersOn === 'Alerts' ? 'AlertAnalyticRuleIds' : 'IncidentRelatedAnalyticRuleIds',
            operator: 'Contains', propertyValues: [...this.ruleIds],
          },
        });
      }
      const properties = {
        displayName: displayName.value,
        order: Number(order.value),
        triggeringLogic: {
          isEnabled: enabled.checked, triggersOn, triggersWhen,
          expirationTimeUtc: expiration.value ? new Date(expiration.value).toISOString() : undefined,
          conditions: [...top, ...this.conditions],
        },
        actions: this.actions.map((a, i) => ({ order: i + 1, actionType: a.type, actionConfiguration: a.read() })),
      };
      return properties;
    };

    const form = el('form', {
      class: 'wizard',
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = '';
        try {
          await api('PUT', this.si + '/automationRules/' + this.name, { etag: this.etag, properties: read() });
          this.close();
          await this.onSaved();
        } catch (e) {
          error.textContent = e.message;
        }
      },
    },
    el('label', {}, 'Automation rule name', displayName),
    el('label', {}, 'Trigger', trigger),
    el('fieldset', {}, el('legend', {}, 'Conditions'), this.analyticsChooser(), this.conditionList),
    el('fieldset', {}, el('legend', {}, 'Actions'), this.actionList, this.actionChoices),
    el('div', { class: 'row' },
      el('label', {}, 'Rule expiration', expiration),
      el('label', {}, 'Order', order),
      el('label', { class: 'check' }, enabled, 'Enabled')),
    error,
    el('div', { class: 'form-buttons' },
      el('button', { type: 'submit', class: 'primary' }, 'Apply'),
      el('button', { type: 'button', onclick: () => this.close() }, 'Cancel')),
    el('fieldset', { class: 'test' }, el('legend', {}, 'Test on an incident'),
      incidents.length ? testIncident : el('span', { class: 'muted' }, 'The workspace has no incidents yet.'),
      el('button', {
        type: 'button',
        disabled: !incidents.length,
        onclick: () => this.dryRun(testIncident.value, read()),
      }, 'Test on an incident'),
      this.dryRunResult));

    this.container.hidden = false;
    this.container.replaceChildren(
      el('header', { class: 'panel-header' },
        el('h2', {}, rule ? 'Edit automation rule' : 'Create new automation rule'),
        el('button', { class: 'close', type: 'button', 'aria-label': 'Close the rule wizard', onclick: () => this.close() }, '×')),
      form);
    (p.actions || []).slice().sort((a, b) => a.order - b.order)
      .forEach((a) => this.addAction(a.actionType, a.actionConfiguration || {}));
    this.drawConditions();
    this.drawActionChoices();
    revealPanel(this.container);
    displayName.focus();
  }

  // "Analytic rule name": All, or some rules of the catalogue picked from a searchable list.
  analyticsChooser() {
    const search = el('input', { type: 'search', 'aria-label': 'Search analytics rules', placeholder: 'Search analytics rules' });
    const list = el('ul', { class: 'catalogue' });
    const summary = el('span', { class: 'muted' });
    const describe = () => { summary.textContent = this.ruleIds.size ? `${this.ruleIds.size} selected` : 'All'; };
    const draw = () => {
      const text = search.value.toLowerCase();
      list.replaceChildren(...this.analytics
        .filter((r) => r.properties.displayName.toLowerCase().includes(text))
        .map((r) => el('li', {}, el('label', {},
          el('input', {
            type: 'checkbox', value: r.id, checked: [...this.ruleIds].some((id) => id.toLowerCase() === r.id.toLowerCase()),
            onchange: (e) => {
              for (const id of [...this.ruleIds]) if (id.toLowerCase() === r.id.toLowerCase()) this.ruleIds.delete(id);
              if (e.target.checked) this.ruleIds.add(r.id);
              describe();
            },
          }), ' ', r.properties.displayName))));
    };
    search.addEventListener('input', draw);
    draw();
    describe();
    return el('details', { class: 'analytics', open: this.ruleIds.size > 0 },
      el('summary', {}, 'If Analytic rule name contains: ', summary),
      this.analytics.length ? [search, list] : el('p', { class: 'muted' }, 'The workspace has no analytics rules.'));
  }

  drawConditions() {
    const updated = this.trigger === 'Incidents/Updated';
    const add = (condition) => { this.conditions.push(condition); this.drawConditions(); };
    this.conditionList.replaceChildren(
      el('ol', { class: 'condition-list' }, this.conditions.map((c, i) =>
        el('li', {}, this.conditionEditor(c, () => { this.conditions.splice(i, 1); this.drawConditions(); })))),
      el('div', { class: 'add-buttons' },
        el('button', { type: 'button', onclick: () => add(property()) }, '+ Add condition'),
        el('button', { type: 'button', onclick: () => add(group()) }, '+ Add condition group (Or)'),
        updated ? el('button', { type: 'button', onclick: () => add(changed()) }, '+ Add "changed" condition') : null,
        updated ? el('button', { type: 'button', onclick: () => add(added()) }, '+ Add "added" condition') : null));
  }

  // One condition, edited in place; groups hold conditions of their own.
  conditionEditor(condition, remove) {
    const p = condition.conditionProperties;
    const removeButton = el('button', { type: 'button', class: 'remove', 'aria-label': 'Remove condition', onclick: remove }, '×');
    switch (condition.conditionType) {
      case 'Property': {
        const row = el('div', { class: 'condition' });
        const draw = () => row.replaceChildren(propertySelect(condition, draw), operatorSelect(p),
          chips(p.propertyValues, SUGGESTIONS[p.propertyName], 'Values'), removeButton);
        draw();
        return row;
      }
      case 'PropertyChanged':
        return el('div', { class: 'condition' },
          select({ 'aria-label': 'Changed property', onchange: (e) => { p.propertyName = e.target.value; } },
            [['IncidentSeverity', 'Severity'], ['IncidentStatus', 'Status'], ['IncidentOwner', 'Owner']], p.propertyName),
          select({ 'aria-label': 'Change', onchange: (e) => { p.changeType = e.target.value; } },
            [['ChangedFrom', 'changed from'], ['ChangedTo', 'changed to']], p.changeType),
          operatorSelect(p), chips(p.propertyValues, SUGGESTIONS[p.propertyName], 'Values'), removeButton);
      case 'PropertyArrayChanged':
        return el('div', { class: 'condition' },
          select({ 'aria-label': 'Collection', onchange: (e) => { p.arrayType = e.target.value; } },
            pairs(['Alerts', 'Labels', 'Tactics', 'Comments']), p.arrayType), ' added', removeButton);
      case 'Boolean': {
        const box = el('fieldset', { class: 'group' });
        const draw = () => box.replaceChildren(
          el('legend', {}, select({ 'aria-label': 'Group operator', onchange: (e) => { p.operator = e.target.value; } },
            [['Or', 'Any of (Or)'], ['And', 'All of (And)']], p.operator), removeButton),
          el('ol', { class: 'condition-list' }, p.innerConditions.map((c, i) =>
            el('li', {}, this.conditionEditor(c, () => { p.innerConditions.splice(i, 1); draw(); })))),
          el('div', { class: 'add-buttons' },
            el('button', { type: 'button', onclick: () => { p.innerConditions.push(property()); draw(); } }, '+ Condition'),
            el('button', { type: 'button', onclick: () => { p.innerConditions.push(group('And')); draw(); } }, '+ Group')));
        draw();
        return box;
      }
      default:
        // Custom details conditions keep their JSON; the API edits them.
        return el('div', { class: 'condition' },
          el('pre', { class: 'json' }, JSON.stringify(condition, null, 1)), removeButton);
    }
  }

  drawActionChoices() {
    const alerts = this.trigger.startsWith('Alerts/');
    const choice = select({ 'aria-label': 'Action type' },
      ACTION_TYPES.filter(([t]) => !alerts || t === 'RunPlaybook'), alerts ? 'RunPlaybook' : 'AddIncidentTask');
    this.actionChoices.replaceChildren(choice,
      el('button', { type: 'button', onclick: () => this.addAction(choice.value, {}) }, '+ Add action'));
  }

  addAction(type, config) {
    const editor = ({
      AddIncidentTask: taskAction,
      AddTaskTemplate: (c) => templateAction(c, this.templates),
      ModifyProperties: modifyAction,
      RunPlaybook: (c) => playbookAction(c, this.playbooks),
    }[type] || rawAction)(config);
    const action = { type, read: editor.read };
    const label = (ACTION_TYPES.find(([t]) => t === type) || [type, type])[1];
    const move = (delta) => {
      const i = this.actions.indexOf(action);
      const j = i + delta;
      if (j < 0 || j >= this.actions.length) return;
      [this.actions[i], this.actions[j]] = [this.actions[j], this.actions[i]];
      this.actionList.replaceChildren(...this.actions.map((a) => a.item));
    };
    action.item = el('li', { class: 'wizard-action', 'data-action-type': type },
      el('div', { class: 'action-header' }, el('strong', {}, label),
        el('button', { type: 'button', 'aria-label': 'Move action up', onclick: () => move(-1) }, '↑'),
        el('button', { type: 'button', 'aria-label': 'Move action down', onclick: () => move(1) }, '↓'),
        el('button', {
          type: 'button', class: 'remove', 'aria-label': 'Remove action',
          onclick: () => { this.actions.splice(this.actions.indexOf(action), 1); action.item.remove(); },
        }, '×')),
      editor.element);
    this.actions.push(action);
    this.actionList.append(action.item);
  }

  async dryRun(incident, properties) {
    const [triggersOn, triggersWhen] = this.trigger.split('/');
    const kind = TRIGGERS.find(([v]) => v === `${triggersOn}/${triggersWhen}`)[2];
    this.dryRunResult.replaceChildren(el('p', { class: 'muted' }, 'Testing…'));
    try {
      const result = await api('POST', this.si + '/automationDryRun',
        { incidentId: incident, trigger: kind, rule: { name: this.name, properties } });
      const mine = result.rules.find((r) => r.name === this.name);
      const verdict = !mine ? 'This rule would not run.'
        : mine.skipped ? `This rule is ${mine.skipped.toLowerCase()} and would not run.`
          : mine.matched ? 'This rule would run.' : 'The conditions do not hold: this rule would not run.';
      this.dryRunResult.replaceChildren(
        el('p', { class: 'verdict' }, verdict),
        mine ? el('ul', {}, mine.conditions.map((c) => el('li', {}, `Condition ${c.index + 1} (${c.conditionType}): ${c.held ? 'holds' : 'does not hold'}`)),
          mine.actions.map((a) => el('li', {}, `Action ${a.order}: ${a.wouldDo}`))) : null,
        el('p', { class: 'muted' }, 'All rules in run order: ',
          result.rules.map((r) => `${r.displayName} (${r.skipped || (r.matched ? 'runs' : 'no match')})`).join(' → ')));
    } catch (e) {
      this.dryRunResult.replaceChildren(el('p', { class: 'error', role: 'alert' }, e.message));
    }
  }
}

function property() {
  return { conditionType: 'Property', conditionProperties: { propertyName: 'IncidentTitle', operator: 'Contains', propertyValues: [] } };
}

function group(operator = 'Or') {
  return { conditionType: 'Boolean', conditionProperties: { operator, innerConditions: [property(), property()] } };
}

function changed() {
  return { conditionType: 'PropertyChanged', conditionProperties: { propertyName: 'IncidentStatus', changeType: 'ChangedTo', operator: 'Equals', propertyValues: [] } };
}

function added() {
  return { conditionType: 'PropertyArrayChanged', conditionProperties: { arrayType: 'Comments', changeType: 'Added' } };
}

// "Add task": a title, behind "+ Add description" the rich-text editor, and Vigil's Mandatory and
// due time (hours after the incident's creation; empty for the severity's default).
function taskAction(config) {
  const title = el('input', { type: 'text', 'aria-label': 'Task title', maxlength: '1024', placeholder: 'Task title', value: config.title || '' });
  let editor = null;
  const slot = el('div', { class: 'description' });
  const openEditor = () => { editor = richTextEditor(config.description, 'Task description'); slot.replaceChildren(editor.element); };
  if (config.description) {
    openEditor();
  } else {
    slot.append(el('button', { type: 'button', class: 'link', onclick: openEditor }, '+ Add description'));
  }
  const mandatory = el('input', { type: 'checkbox', name: 'mandatory', checked: config.mandatory === true });
  const due = el('input', { type: 'number', name: 'due-hours', min: '0.25', max: '8784', step: '0.25', placeholder: 'default', 'aria-label': 'Due, in hours after the incident was created' });
  due.value = hours(config.dueAfterIncidentCreated);
  return {
    element: el('div', { class: 'action-body' }, title, slot,
      el('label', { class: 'check' }, mandatory, 'Mandatory (the incident cannot be closed until it is done)'),
      el('label', { class: 'due-hours' }, 'Due ', due, ' hours after the incident was created (empty: the default for its severity)')),
    // Vigil's extensions the wizard has no field for (assignedTo) are kept as they were.
    read: () => ({
      ...config,
      title: title.value,
      description: editor ? editor.html() : undefined,
      mandatory: mandatory.checked || undefined,
      dueAfterIncidentCreated: duration(due.value),
    }),
  };
}

// "Change properties": each field left at "Don't change" stays as it is; labels are added.
function modifyAction(config) {
  const keep = ['', "Don't change"];
  const status = select({ 'aria-label': 'Status' }, [keep, ...pairs(['New', 'Active', 'Closed'])], config.status || '');
  const classification = select({ 'aria-label': 'Classification' }, [keep, ...pairs(Object.keys(REASONS))], config.classification || '');
  const reason = select({ 'aria-label': 'Classification reason' }, [keep], '');
  const drawReasons = () => reason.replaceChildren(...[keep, ...pairs(REASONS[classification.value] || [])]
    .map(([v, l]) => el('option', { value: v, selected: v === config.classificationReason }, l)));
  classification.addEventListener('change', drawReasons);
  drawReasons();
  const comment = el('input', { type: 'text', 'aria-label': 'Classification comment', maxlength: '5000', value: config.classificationComment || '' });
  const severity = select({ 'aria-label': 'Severity' }, [keep, ...pairs(['High', 'Medium', 'Low', 'Informational'])], config.severity || '');
  const owner = el('input', {
    type: 'text', 'aria-label': 'Owner', placeholder: 'user@contoso.com',
    value: (config.owner && (config.owner.userPrincipalName || config.owner.email || config.owner.assignedTo)) || '',
  });
  const labels = (config.labels || []).map((l) => l.labelName);
  return {
    element: el('div', { class: 'action-body grid' },
      el('label', {}, 'Status', status), el('label', {}, 'Severity', severity),
      el('label', {}, 'Classification', classification), el('label', {}, 'Reason', reason),
      el('label', {}, 'Classification comment', comment), el('label', {}, 'Owner', owner),
      el('label', { class: 'wide' }, 'Add tags', chips(labels, null, 'Tags'))),
    read: () => {
      const out = {};
      for (const [name, input] of Object.entries({ status, classification, classificationReason: reason, classificationComment: comment, severity })) {
        if (input.value) out[name] = input.value;
      }
      const who = owner.value.trim();
      if (who) out.owner = who.includes('@') ? { userPrincipalName: who, email: who, assignedTo: who } : { assignedTo: who };
      if (labels.length) out.labels = labels.map((labelName) => ({ labelName }));
      return out;
    },
  };
}

function playbookAction(config, playbooks) {
  const options = playbooks.map((p) => [p.id, p.name]);
  if (config.logicAppResourceId && !options.some(([id]) => id.toLowerCase() === config.logicAppResourceId.toLowerCase())) {
    options.push([config.logicAppResourceId, config.logicAppResourceId.split('/').pop()]);
  }
  const playbook = select({ 'aria-label': 'Playbook' }, [['', 'Choose a playbook'], ...options], config.logicAppResourceId || '');
  return {
    element: el('div', { class: 'action-body' }, options.length ? playbook : el('p', { class: 'muted' }, 'The resource group has no playbooks yet.')),
    read: () => ({ logicAppResourceId: playbook.value || undefined, tenantId: config.tenantId }),
  };
}

// "Add task template" (Vigil's): one of the workspace's task templates, by name; the rule adds
// its current version's tasks that the incident does not have yet.
function templateAction(config, templates) {
  const options = templates.map((t) => [t.name, `${t.properties.displayName} (${t.name}, ${t.properties.tasks.length} tasks)`]);
  if (config.templateName && !options.some(([name]) => name.toLowerCase() === config.templateName.toLowerCase())) {
    options.push([config.templateName, config.templateName]);
  }
  const template = select({ 'aria-label': 'Task template' }, [['', 'Choose a task template'], ...options], config.templateName || '');
  return {
    element: el('div', { class: 'action-body' }, options.length ? template
      : el('p', { class: 'muted' }, 'The workspace has no task templates yet: create them on the Task templates page.')),
    read: () => ({ templateName: template.value || undefined }),
  };
}

// An action type this page does not know is kept as it was.
function rawAction(config) {
  return { element: el('pre', { class: 'json' }, JSON.stringify(config, null, 1)), read: () => config };
}
