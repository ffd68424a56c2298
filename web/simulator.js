// The funding simulator for CPAM agents: population, missions, volets, start
// dates and achievement -> the size, the annual maxima, the schedule and a bar
// chart (SVG) of the payments per calendar year.
import { json } from './api.js';
import { el } from './form.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const eurosCents = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function frenchDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

// One bar per calendar year, its amount above it, the year below.
export function chart(perYear) {
  const w = 680, h = 280, top = 30, bottom = 40, left = 20;
  const max = Math.max(1, ...perYear.map((p) => p.amount));
  const slot = (w - 2 * left) / Math.max(1, perYear.length);
  const bar = Math.min(70, slot * 0.6);
  const root = svg('svg', { viewBox: `0 0 ${w} ${h}`, width: w, height: h, role: 'img', class: 'chart',
    'aria-label': 'Versements par année civile' });
  root.append(svg('line', { x1: left, y1: h - bottom, x2: w - left, y2: h - bottom, class: 'axis' }));
  perYear.forEach((p, i) => {
    const height = (h - top - bottom) * (p.amount / max);
    const x = left + i * slot + (slot - bar) / 2;
    const y = h - bottom - height;
    const rect = svg('rect', { x, y, width: bar, height, class: 'bar', 'data-annee': p.year, 'data-montant': p.amount });
    rect.append(svg('title', {}, p.year + ' : ' + eurosCents.format(p.amount)));
    root.append(rect);
    root.append(svg('text', { x: x + bar / 2, y: y - 6, class: 'amount', 'text-anchor': 'middle' }, euros.format(p.amount)));
    root.append(svg('text', { x: x + bar / 2, y: h - bottom + 18, class: 'year', 'text-anchor': 'middle' }, String(p.year)));
  });
  return root;
}

function params() {
  const missions = [], volets = [], debuts = {}, atteinte = {};
  for (const row of document.querySelectorAll('#sim-missions .mission')) {
    const id = row.dataset.mission;
    if (!row.querySelector('.use').checked) continue;
    missions.push(id);
    const start = row.querySelector('.start').value.trim();
    if (start) debuts[id] = start;
    const rate = row.querySelector('.rate').value.trim().replace(',', '.').replace('%', '');
    if (rate !== '') atteinte[id] = Number(rate);
    for (const v of row.querySelectorAll('.volet:checked')) volets.push(v.value);
  }
  const population = Number($('sim-population').value.replace(/[\s\u00a0\u202f]/g, ''));
  return { population, signature: $('sim-signature').value.trim(), missions, volets, debuts, atteinte };
}

function render(r) {
  const lines = el('table', { class: 'grid' },
    el('thead', {}, el('tr', {}, el('th', { text: 'Ligne de financement' }), el('th', { text: 'Maximum annuel' }), el('th', { text: 'Montant annuel' }))),
    el('tbody', {}, ...r.lines.map((l) => el('tr', {}, el('td', { text: l.label }), el('td', { class: 'money', text: eurosCents.format(l.maximum) }),
      el('td', { class: 'money', text: eurosCents.format(l.amount) })))),
    el('tfoot', {}, el('tr', {}, el('th', { text: 'Total annuel' }), el('td'), el('td', { class: 'money', id: 'sim-total', text: eurosCents.format(r.annual_max.total) }))));
  const schedule = el('table', { class: 'grid' },
    el('thead', {}, el('tr', {}, el('th', { text: 'Date' }), el('th', { text: 'Versement' }), el('th', { text: 'Montant' }))),
    el('tbody', {}, ...r.schedule_grouped.map((p) => el('tr', {}, el('td', { text: frenchDate(p.date) }), el('td', { text: p.label }),
      el('td', { class: 'money', text: eurosCents.format(p.amount) })))),
    el('tfoot', {}, el('tr', {}, el('th', { text: 'Total sur la durée du contrat' }), el('td'), el('td', { class: 'money', text: eurosCents.format(r.schedule_total) }))));
  $('sim-result').replaceChildren(
    el('p', { class: 'sim-size', id: 'sim-size', text: 'Taille ' + r.size + ' : ' + r.taille_libelle + '. ' + r.table_titre + '. Contrat du ' + frenchDate(r.signature) + ' au ' + frenchDate(r.end_date) + '.' }),
    ...r.warnings.map((w) => el('p', { class: 'warning', text: w.message })),
    el('h3', { text: 'Montants annuels' }), lines,
    el('h3', { text: 'Versements par année civile' }), chart(r.per_year),
    el('h3', { text: 'Échéancier des versements' }), schedule);
}

let timer = null;
async function simulate() {
  try {
    const r = await json('POST', '/api/simulate', params());
    $('sim-error').textContent = '';
    render(r);
  } catch (e) {
    const list = (e.body && e.body.diagnostics) || [];
    $('sim-error').textContent = e.message + (list.length ? ' : ' + list.map((d) => d.message).join(' ; ') : '');
    $('sim-result').replaceChildren();
  }
}

export async function setupSimulator() {
  const signature = $('sim-signature');
  if (!signature.value) signature.value = new Date().toISOString().slice(0, 10);
  const tables = await json('GET', '/api/tables');
  const table = tables[tables.length - 1];
  const box = $('sim-missions');
  for (const m of table.missions) {
    box.append(el('div', { class: 'mission', 'data-mission': m.id },
      el('label', {}, el('input', { type: 'checkbox', class: 'use', checked: m.socle }), ' ' + m.libelle + (m.socle ? ' (socle)' : '')),
      el('label', {}, 'début ', el('input', { type: 'text', class: 'start', size: 10, placeholder: 'signature', 'aria-label': 'Début de la mission ' + m.libelle })),
      el('label', {}, 'atteinte ', el('input', { type: 'text', class: 'rate', size: 4, value: '100', 'aria-label': 'Taux d’atteinte de la mission ' + m.libelle }), ' %'),
      ...m.volets.map((v) => el('label', {}, el('input', { type: 'checkbox', class: 'volet', value: v.id }), ' ' + v.libelle))));
  }
  $('sim-form').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(simulate, 200);
  });
  $('sim-form').addEventListener('submit', (e) => e.preventDefault());
  simulate();
}
