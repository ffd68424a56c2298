// Rows from a spreadsheet: tab-separated text as LibreOffice Calc and Excel
// copy it, and CSV files (comma or semicolon, quoted fields), turned into
// values of the schema's types (French numbers, oui/non).

// Parses delimited text with quotes ("a ""b""" -> a "b"), keeping empty cells.
export function parseDelimited(text, sep) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        ++i;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') ++i;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

// The separator of a CSV file: the one of ; , or tab found most on its first line.
export function guessSeparator(text) {
  const first = text.split(/\r?\n/, 1)[0];
  let best = ',';
  let count = -1;
  for (const sep of [';', ',', '\t']) {
    const n = first.split(sep).length;
    if (n > count) {
      best = sep;
      count = n;
    }
  }
  return best;
}

const TRUE = ['oui', 'o', 'x', 'vrai', 'true', '1', 'yes'];
const FALSE = ['non', 'n', '', 'faux', 'false', '0', 'no'];

// A cell's text as a value of the given type; text that does not fit is kept
// as it is, so that validation shows the problem at its cell.
export function convert(text, type, enumLabels) {
  const t = text.trim();
  if (type === 'boolean') {
    const l = t.toLowerCase();
    if (TRUE.includes(l)) return true;
    if (FALSE.includes(l)) return false;
    return t;
  }
  if (type === 'integer' || type === 'number') {
    if (t === '') return undefined;
    const n = Number(t.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.'));
    return Number.isFinite(n) ? n : t;
  }
  if (enumLabels) {
    // A label typed as shown in the form is taken for its value.
    for (const [value, label] of Object.entries(enumLabels))
      if (t === value || t.toLowerCase() === String(label).toLowerCase()) return value;
  }
  return t;
}

// The items of a list cell: one a line (a cell copied with its line breaks),
// or separated by « ; » when the cell is on one line.
export function splitList(text) {
  const t = text.replace(/\r\n?/g, '\n').trim();
  if (t === '') return [];
  return (t.includes('\n') ? t.split('\n') : t.split(';')).map((s) => s.trim()).filter((s) => s !== '');
}

// The names a header cell may give a column: its key, its title, and its
// other names (a year column answers to « 2026 » as to « Montant 2026 »).
function names(c) {
  return [c.key, c.title, ...(c.names || [])].map((n) => String(n).toLowerCase());
}

function headerName(cell) {
  return cell.trim().toLowerCase().replace(/\s*\*$/, '');
}

// Whether a row is a header: most of its cells name columns (by title or key).
export function isHeader(row, columns) {
  const all = new Set(columns.flatMap(names));
  const hits = row.filter((c) => all.has(headerName(c))).length;
  return hits >= Math.max(1, Math.ceil(row.length / 2));
}

// Column order for the rows: by header names when the first row is a header, else as the table shows them.
export function columnOrder(rows, columns) {
  if (rows.length && isHeader(rows[0], columns)) {
    const header = rows.shift();
    // A title first, then a key or another name: « Libellé » is a title before it is anything else.
    return header.map((h) => {
      const l = headerName(h);
      return columns.find((c) => c.title.toLowerCase() === l) || columns.find((c) => names(c).includes(l)) || null;
    });
  }
  return columns;
}
