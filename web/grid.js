// The dossier's lists as editable tables (professionals, communes, budget lines,
// fiches actions…), generic over the schema: a column for each scalar field, a
// cell for each list (one item a line, or checkboxes for a list of choices),
// one column per year of the budget for amounts given year by year, and the
// row's nested parts (a calendar, indicators) in a detail panel under the
// table. Rows pasted from LibreOffice Calc or Excel, or a CSV file, fill it.
import { resolve, typeOf, enumLabels, cellKind, emptyValue, escapeToken, get } from './schema.js';
import { parseDelimited, guessSeparator, convert, columnOrder, splitList } from './tabular.js';
import { el } from './dom.js';

// The years a list of amounts follows: the `annees` of the nearest object
// around the table (the budget's), or null.
export function yearsAround(data, pointer) {
  const tokens = pointer.split('/').slice(1);
  for (let n = tokens.length - 1; n >= 0; --n) {
    const years = get(data, '/' + [...tokens.slice(0, n), 'annees'].join('/'));
    if (Array.isArray(years) && years.length && years.every((y) => Number.isInteger(y))) return years;
  }
  return null;
}

// Whether an input edits one of those years (the columns' titles follow it).
export function isYearInput(pointer) {
  return /\/annees\/\d+$/.test(pointer);
}

function isBlank(v) {
  if (v === '' || v === null || v === undefined || v === false || v === 0) return true;
  if (Array.isArray(v)) return v.every(isBlank);
  if (typeof v === 'object') return Object.values(v).every(isBlank);
  return false;
}

// The columns of the table (`cols`) and the parts edited in the detail panel (`nested`).
export function gridColumns(form, items, pointer) {
  const years = yearsAround(form.data, pointer);
  const cols = [];
  const nested = [];
  for (const [key, n] of Object.entries(items.properties)) {
    const node = resolve(form.schema, n);
    const base = { key, node, required: (items.required || []).includes(key), title: node.title || key };
    const kind = cellKind(form.schema, node);
    if (kind === 'nested') {
      nested.push(base);
      continue;
    }
    const item = kind === 'scalar' ? node : resolve(form.schema, node.items);
    const col = { ...base, kind, item, type: typeOf(item).type, nullable: typeOf(item).nullable,
                  labels: item.enum ? enumLabels(item) : null };
    if (kind === 'numbers' && years) {
      // « Montant 2026 », « Montant 2027 »…: the amounts of a budget line, year by year.
      years.forEach((y, index) => cols.push({ ...col, kind: 'year', index, title: (item.title || col.title) + ' ' + y,
                                              names: [String(y), key + ' ' + y] }));
    } else cols.push(col);
  }
  return { cols, nested };
}

// The value a row's array takes once `index` is set: holes filled (0, or null where allowed).
function withItem(array, index, value, col) {
  const out = Array.isArray(array) ? [...array] : [];
  while (out.length < index) out.push(col.nullable ? null : 0);
  if (value === undefined && index >= out.length - 1) out.splice(index);
  else out[index] = value === undefined ? (col.nullable ? null : 0) : value;
  return out;
}

// Writes one pasted cell's text into a row.
function writeCell(row, c, text) {
  if (c.kind === 'year') {
    const v = convert(text, c.type, null);
    row[c.key] = withItem(row[c.key], c.index, v === undefined ? 0 : v, c);
  } else if (c.kind === 'list' || c.kind === 'numbers') {
    let values = splitList(text).map((t) => convert(t, c.type, c.labels));
    // Choices in the schema's order, each once (as the checkboxes give them).
    if (c.labels) values = [...c.item.enum.filter((o) => values.includes(o)), ...values.filter((v) => !c.item.enum.includes(v))];
    if (values.length || c.required) row[c.key] = values.map((v) => (v === undefined ? null : v));
    else delete row[c.key];
  } else {
    const v = convert(text, c.type, c.labels);
    if (v === undefined || (v === '' && !c.required)) delete row[c.key];
    else row[c.key] = v;
  }
}

// A number as a French spreadsheet shows it, without grouping (it is typed back as it is):
// 12500,5 -> « 12500,50 »; text that is not a number stays as it is.
function numberText(v) {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'number') return String(v);
  const cents = Math.round(v * 100) === v * 100;
  return (Number.isInteger(v) || !cents ? String(v) : v.toFixed(2)).replace('.', ',');
}

// The input of one value of a row's array (an amount of a year, a yearly target).
function arrayInput(form, rowPointer, c, index, title) {
  const pointer = rowPointer + '/' + escapeToken(c.key);
  const input = el('input', { type: 'text', inputmode: 'decimal', class: 'amount', 'aria-label': title,
                              'data-pointer': pointer + '/' + index });
  input.value = numberText((get(form.data, pointer) || [])[index]);
  input.addEventListener('input', () => {
    const row = get(form.data, rowPointer);
    row[c.key] = withItem(row[c.key], index, convert(input.value, c.type, null), c);
    form.onChange(form.data);
  });
  return input;
}

// A list in one cell: checkboxes for a list of choices, else one item a line.
function listControl(form, rowPointer, c) {
  const pointer = rowPointer + '/' + escapeToken(c.key);
  const value = get(form.data, pointer);
  const set = (v) => {
    const row = get(form.data, rowPointer);
    if (v.length || c.required) row[c.key] = v;
    else delete row[c.key];
    form.onChange(form.data);
  };
  if (c.labels) {
    const box = el('div', { class: 'choices', role: 'group', 'aria-label': c.title });
    const chosen = new Set(Array.isArray(value) ? value : []);
    for (const option of c.item.enum) {
      const check = el('input', { type: 'checkbox', checked: chosen.has(option), value: String(option) });
      check.addEventListener('change', () => {
        if (check.checked) chosen.add(option);
        else chosen.delete(option);
        set(c.item.enum.filter((o) => chosen.has(o)));
      });
      box.append(el('label', { class: 'check' }, check, ' ' + c.labels[option]));
    }
    return box;
  }
  const area = el('textarea', { rows: 2, 'aria-label': c.title, 'data-pointer': pointer, title: 'Un élément par ligne' });
  area.value = Array.isArray(value) ? value.join('\n') : '';
  area.addEventListener('input', () => set(area.value.split('\n').map((s) => s.trim()).filter((s) => s !== '')
    .map((t) => convert(t, c.type, c.labels))));
  return area;
}

function cell(form, rowPointer, c) {
  if (c.kind === 'year') return arrayInput(form, rowPointer, c, c.index, c.title);
  if (c.kind === 'list') return listControl(form, rowPointer, c);
  if (c.kind === 'numbers') {
    // A short list of numbers (targets per year of the contract): one small input each.
    const value = get(form.data, rowPointer + '/' + escapeToken(c.key));
    const length = Array.isArray(value) ? value.length : 0;
    const shown = Math.max(length, c.node.maxItems && c.node.maxItems <= 12 ? c.node.maxItems : length + 1);
    return el('div', { class: 'numbers' }, ...Array.from({ length: shown }, (_, i) =>
      arrayInput(form, rowPointer, c, i, c.title + ' ' + (i + 1))));
  }
  return form.control(c.node, rowPointer + '/' + escapeToken(c.key), c.required, true, c.title);
}

// Writes spreadsheet rows into the table from (row, col), adding rows as needed.
export function fillRows(form, items, pointer, rows, data, row, col) {
  const { cols } = gridColumns(form, items, pointer);
  const order = columnOrder(data, cols);
  const byHeader = order !== cols;
  data.forEach((cells, i) => {
    const r = row + i;
    while (rows.length <= r) rows.push(emptyValue(form.schema, items));
    cells.forEach((text, j) => {
      const c = byHeader ? order[j] : cols[col + j];
      if (c) writeCell(rows[r], c, text);
    });
  });
  form.changed(true);
}

// Where rows added at the end of the table start: after the last filled row
// (rows left as they were added, still empty, are replaced).
function firstFree(form, items, rows) {
  const empty = JSON.stringify(emptyValue(form.schema, items));
  let n = rows.length;
  while (n > 0 && (isBlank(rows[n - 1]) || JSON.stringify(rows[n - 1]) === empty)) --n;
  return n;
}

// A label for a row in its detail panel: its first free text (« Intitulé », « Libellé »…).
function rowLabel(cols, row) {
  const c = cols.find((x) => x.kind === 'scalar' && x.type === 'string' && !x.node.pattern && !x.node.enum && row && row[x.key]);
  if (!c) return '';
  const text = String(row[c.key]);
  return ' : ' + (text.length > 70 ? text.slice(0, 69).replace(/\s+\S*$/, '') + '…' : text);
}

export function renderGrid(form, items, pointer, rows) {
  const { cols, nested } = gridColumns(form, items, pointer);
  const table = el('table', { class: 'grid', 'data-table': pointer });
  table.append(el('thead', {}, el('tr', {}, el('th', { text: 'N°' }),
    ...cols.map((c) => el('th', { class: c.kind === 'year' ? 'money' : undefined, text: c.title + (c.required ? ' *' : ''),
                                   title: c.node.description || '' })),
    el('th', { text: '' }))));
  const selected = Math.min(form.selection[pointer] || 0, rows.length - 1);
  const body = el('tbody');
  rows.forEach((_, i) => {
    const p = pointer + '/' + i;
    const tr = el('tr', { 'data-pointer': p, class: nested.length && i === selected ? 'selected' : undefined },
      el('td', { class: 'num', text: String(i + 1) }));
    cols.forEach((c, j) => {
      const cp = p + '/' + escapeToken(c.key) + (c.kind === 'year' ? '/' + c.index : '');
      const td = el('td', { 'data-pointer': cp, 'data-row': i, 'data-col': j, class: c.kind === 'year' ? 'money' : undefined });
      td.append(cell(form, p, c), form.errorBox());
      tr.append(td);
    });
    const actions = el('td', { class: 'row-actions' });
    if (nested.length)
      actions.append(el('button', { type: 'button', class: 'small details', text: 'Détails', 'aria-pressed': String(i === selected),
        title: nested.map((n) => n.title).join(', '), onclick: () => { form.selection[pointer] = i; form.render(); } }));
    actions.append(el('button', { type: 'button', class: 'remove small', text: '×', title: 'Supprimer la ligne',
      'aria-label': 'Supprimer la ligne ' + (i + 1), onclick: () => { rows.splice(i, 1); form.changed(true); } }), form.errorBox());
    tr.append(actions);
    body.append(tr);
  });
  table.append(body);
  // Rows copied from LibreOffice Calc or Excel are tab-separated: pasted into a cell, they fill the table from there.
  // Lines pasted into a list's cell, without tabs, are that cell's items.
  body.addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    const inList = e.target.tagName === 'TEXTAREA' && e.target.closest('td[data-row]');
    if (inList ? !text.includes('\t') : !/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return;
    e.preventDefault();
    const td = e.target.closest('td[data-row]');
    fillRows(form, items, pointer, rows, parseDelimited(text, '\t'), td ? Number(td.dataset.row) : rows.length,
             td ? Number(td.dataset.col) : 0);
  });
  const file = el('input', { type: 'file', accept: '.csv,.txt,text/csv', class: 'csv-input', 'aria-label': 'Importer un fichier CSV' });
  file.addEventListener('change', async () => {
    if (!file.files.length) return;
    const buffer = await file.files[0].arrayBuffer();
    let text = new TextDecoder('utf-8').decode(buffer);
    if (text.includes('\ufffd')) text = new TextDecoder('windows-1252').decode(buffer);
    text = text.replace(/^\ufeff/, '');
    // Rows already filled stay; the file's rows come after them (empty rows are replaced).
    const start = firstFree(form, items, rows);
    rows.splice(start);
    fillRows(form, items, pointer, rows, parseDelimited(text, guessSeparator(text)), start, 0);
  });
  const paste = el('textarea', { class: 'paste-area', rows: 3,
    placeholder: 'Collez ici des lignes copiées d’un tableur (une ligne par ' + (items.title || 'élément').toLowerCase() +
                 ', colonnes dans l’ordre du tableau ou avec leur ligne de titres)' });
  const tools = el('div', { class: 'table-tools' },
    el('details', {}, el('summary', { text: 'Coller des lignes depuis un tableur' }), paste,
      el('button', { type: 'button', text: 'Ajouter ces lignes', onclick: () => {
        const start = firstFree(form, items, rows);
        rows.splice(start);
        fillRows(form, items, pointer, rows, parseDelimited(paste.value, '\t'), start, 0);
      } })),
    el('label', { class: 'csv' }, 'Importer un fichier CSV : ', file),
    el('span', { class: 'help', text: rows.length + ' ligne' + (rows.length > 1 ? 's' : '') }));
  const out = el('div', { class: 'grid-box' }, el('div', { class: 'table-wrap' }, table), tools);
  if (nested.length && rows.length) {
    // The selected row's nested parts (calendar, indicators…), edited as the rest of the form.
    const p = pointer + '/' + selected;
    const panel = el('fieldset', { class: 'detail', 'data-detail': p },
      el('legend', { text: (items.title || 'Élément') + ' n° ' + (selected + 1) + rowLabel(cols, rows[selected]) }));
    for (const n of nested) panel.append(form.renderValue(n.node, p + '/' + escapeToken(n.key), n.key, n.required));
    out.append(panel);
  }
  return out;
}
