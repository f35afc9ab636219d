// ServiceFlow report charts (Apache ECharts, tree-shaken). No inline script: the page marks each chart
// with data- attributes and this bundle fetches the figures from /api/reports. Every mark (bar, point,
// cell) drills down to the list of tickets behind it. Exposes window.ServiceFlowReports for tests.
import './reports/reports.css';
import { charts, render } from './reports/charts';
import { wireImports } from './reports/imports';

async function load(element) {
  // A frozen analysis writes its figures into the page: they are drawn as they were approved, not asked again.
  if (element.dataset.figures) return JSON.parse(element.dataset.figures);
  const response = await fetch(element.dataset.src, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new Error((problem && (problem.detail || problem.title)) || response.statusText);
  }
  return response.json();
}

async function draw(element) {
  try {
    const data = await load(element);
    render(element, data);
    element.dataset.state = 'ready';
  } catch (error) {
    element.dataset.state = 'error';
    element.textContent = `${element.dataset.failed || 'Could not load'}: ${error.message}`;
  }
}

function start() {
  const elements = [...document.querySelectorAll('[data-chart]')];
  elements.forEach(draw);
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
  wireImports(document);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}

window.ServiceFlowReports = { charts, draw };
