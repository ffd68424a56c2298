// Reading models/dossier.schema.json: references resolved, enumerations with
// their French labels, empty values for new items, JSON pointers.

export function resolve(root, node) {
  if (!node) return {};
  let out = { ...node };
  if (node.$ref) {
    const target = node.$ref.replace(/^#\//, '').split('/').reduce((n, k) => n[k], root);
    out = { ...resolve(root, target), ...out };
    delete out.$ref;
  }
  if (node.allOf) {
    delete out.allOf;
    for (const part of node.allOf) {
      const r = resolve(root, part);
      for (const [k, v] of Object.entries(r)) if (!(k in out)) out[k] = v;
    }
  }
  return out;
}

// The first non-null type of a node ("string", "integer", …) and whether null is allowed.
export function typeOf(node) {
  const t = node.type;
  if (Array.isArray(t)) return { type: t.find((x) => x !== 'null') || 'string', nullable: t.includes('null') };
  if (!t && node.enum) return { type: 'string', nullable: false };
  return { type: t || 'string', nullable: false };
}

// "creee : association déclarée ; en_cours : en cours de création" -> {creee: "association déclarée", …}
export function enumLabels(node) {
  const labels = {};
  for (const v of node.enum || []) labels[v] = String(v);
  const d = node.description || '';
  for (const part of d.split(/\s;\s|\n/)) {
    const m = part.match(/^\s*([^\s:]+)\s*:\s*(.+?)\s*\.?$/);
    if (m && m[1] in labels) labels[m[1]] = m[2];
  }
  // "acces (accès aux soins), parcours (parcours pluriprofessionnels)"
  for (const m of d.matchAll(/([^\s,(]+) \(([^()]+)\)/g)) if (m[1] in labels && labels[m[1]] === m[1]) labels[m[1]] = m[2];
  return labels;
}

export function isScalar(root, node) {
  const r = resolve(root, node);
  const { type } = typeOf(r);
  return type !== 'object' && type !== 'array';
}

// How a field of a table's row is edited: 'scalar' (one cell), 'numbers' (a
// list of numbers: one cell per value, or one column per year of the budget),
// 'list' (a list of texts or choices: one item per line in its cell) or
// 'nested' (objects and lists of objects: edited in the row's detail panel).
export function cellKind(root, node) {
  const r = resolve(root, node);
  const { type } = typeOf(r);
  if (type === 'object') return 'nested';
  if (type !== 'array') return 'scalar';
  const items = resolve(root, r.items);
  const t = typeOf(items).type;
  if (t === 'object' || t === 'array') return 'nested';
  return t === 'number' || t === 'integer' ? 'numbers' : 'list';
}

// An array shown as a table: its items are objects made mostly of scalars and
// lists of scalars (a row each); their few nested parts (a calendar, a list of
// indicators) go to a detail panel under the table. Rows made mostly of nested
// parts (a COPIL and its participants, decisions, actions) stay as cards.
export function isTable(root, node) {
  const items = resolve(root, node.items);
  if (typeOf(items).type !== 'object' || !items.properties) return false;
  const kinds = Object.values(items.properties).map((p) => cellKind(root, p));
  const nested = kinds.filter((k) => k === 'nested').length;
  return kinds.length > nested && nested * 3 <= kinds.length - nested;
}

// The value a new, empty field takes: what the user must fill in shows as an error at its field.
export function emptyValue(root, node) {
  const r = resolve(root, node);
  const { type, nullable } = typeOf(r);
  if (r.default !== undefined) return structuredClone(r.default);
  if (nullable) return null;
  switch (type) {
    case 'object': {
      const out = {};
      for (const k of r.required || []) out[k] = emptyValue(root, r.properties[k]);
      return out;
    }
    case 'array': {
      const out = [];
      for (let i = 0; i < (r.minItems || 0); ++i) out.push(emptyValue(root, r.items));
      return out;
    }
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return 0;
    default:
      return r.enum ? r.enum[0] : '';
  }
}

export function escapeToken(t) {
  return String(t).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function split(pointer) {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function get(data, pointer) {
  let n = data;
  for (const t of split(pointer)) {
    if (n === null || typeof n !== 'object') return undefined;
    n = n[t];
  }
  return n;
}

// Sets (or, with undefined, removes) the value at a pointer, creating objects on the way.
export function set(data, pointer, value) {
  const tokens = split(pointer);
  const last = tokens.pop();
  let n = data;
  for (const t of tokens) {
    if (n[t] === undefined || n[t] === null || typeof n[t] !== 'object') n[t] = {};
    n = n[t];
  }
  if (value === undefined) {
    if (Array.isArray(n)) n.splice(Number(last), 1);
    else delete n[last];
  } else {
    n[last] = value;
  }
}

// The schema node at a data pointer.
export function nodeAt(root, pointer) {
  let n = resolve(root, root);
  for (const t of split(pointer)) {
    const { type } = typeOf(n);
    n = resolve(root, type === 'array' ? n.items : (n.properties || {})[t]);
  }
  return n;
}
