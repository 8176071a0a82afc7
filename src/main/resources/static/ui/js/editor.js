// The rich-text editor of task descriptions (the Tasks panel's "+ Add task" and the rule wizard's
// "+ Add description"): links, numbered and bulleted lists, code blocks, images, bold. What it
// produces is HTML the server sanitises before storing it.
import { el, richText } from './api.js';

// Links the selected text, or inserts the address as a link where nothing is selected (Chromium's
// createLink does nothing on an empty selection). The prompt takes the focus, so the selection is
// put back first.
function link(editor) {
  const selection = window.getSelection();
  const range = selection.rangeCount ? selection.getRangeAt(0) : null;
  const url = prompt('Link address');
  if (!url) return;
  editor.focus();
  if (range) {
    selection.removeAllRanges();
    selection.addRange(range);
  }
  if (range && !range.collapsed) {
    document.execCommand('createLink', false, url);
  } else {
    const anchor = el('a', { href: url }, url);
    document.execCommand('insertHTML', false, anchor.outerHTML);
  }
}

export function richTextEditor(html, label) {
  const editor = el('div', { class: 'editor', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true', 'aria-label': label });
  if (html) {
    editor.append(...richText(html).childNodes);
  }
  const command = (name, run) => el('button', { type: 'button', onclick: () => { editor.focus(); run(); } }, name);
  const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Formatting' },
    command('Bold', () => document.execCommand('bold')),
    command('Numbered list', () => document.execCommand('insertOrderedList')),
    command('Bulleted list', () => document.execCommand('insertUnorderedList')),
    command('Code block', () => document.execCommand('formatBlock', false, 'pre')),
    command('Link', () => link(editor)),
    command('Image', () => { const url = prompt('Image address'); if (url) document.execCommand('insertImage', false, url); }));
  return {
    element: el('div', { class: 'rich-text-editor' }, toolbar, editor),
    // The description's HTML, or undefined when nothing was written.
    html: () => editor.innerHTML.trim() || undefined,
    clear: () => editor.replaceChildren(),
  };
}
