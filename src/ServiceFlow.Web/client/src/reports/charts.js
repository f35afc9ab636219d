import echarts from './echarts';

export const charts = [];

const palette = ['#1f6feb', '#1a7f37', '#b7791f', '#cf222e', '#8250df', '#0a7ea4', '#616e7c'];

/** Reads a JSON data- attribute written by the page (Razor encodes it). */
function json(element, name, fallback) {
  const text = element.dataset[name];
  return text ? JSON.parse(text) : fallback;
}

/** The drill-down URL of a mark: the chart's base query with the mark's own filter added. */
function drill(element, extra) {
  const url = new URL(element.dataset.drill, window.location.origin);
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined || value === null) continue;
    url.searchParams.set(key, value === '' ? '-' : value);
  }
  return url.pathname + url.search;
}

function shown(kind, value) {
  if (value === null || value === undefined) return null;
  if (kind === 'Rate') return Math.round(value * 1000) / 10;
  if (kind === 'Duration') return Math.round(value * 10) / 10;
  if (kind === 'Average') return Math.round(value * 100) / 100;
  return value;
}

function base(element, option) {
  const chart = echarts.init(element, null, { renderer: 'svg' });
  // The chart's own label (its heading, in the page's language) as its description: ECharts' generated one read
  // missing values as "NaN" and ran sentences together ("Tickets.The data is…"). The figures are in the drill-down.
  const aria = { enabled: true, label: { description: element.getAttribute('aria-label') || undefined } };
  chart.setOption({ color: palette, aria, animation: false, tooltip: { trigger: 'axis', confine: true },
    grid: { left: 48, right: 48, top: 40, bottom: 56, containLabel: true }, ...option });
  charts.push(chart);
  return chart;
}

/** Measures over periods or a dimension (GET /api/reports/measures): bars for counts, lines for the rest. */
function measures(element, report) {
  const labels = json(element, 'labels', {});
  const none = element.dataset.none || '(none)';
  const kinds = Object.fromEntries(report.measures.map((m) => [m.key, m.kind]));
  const keys = report.measures.map((m) => m.key).filter((k) => kinds[k] !== 'Distribution');
  const rows = report.rows;
  const byPeriod = rows.length > 0 && rows[0].from;
  const names = json(element, 'categories', {}); // stored codes in the page's language (ReportLinks.Categories)
  const categories = rows.map((r) => (r.key === '' ? none : byPeriod ? r.key.slice(0, element.dataset.period === 'day' ? 10 : 7) : names[r.key] || r.key));
  const counts = keys.filter((k) => kinds[k] === 'Count');
  const series = keys.map((key) => ({
    name: labels[key] || key,
    type: kinds[key] === 'Count' ? 'bar' : 'line',
    yAxisIndex: kinds[key] === 'Count' || counts.length === 0 ? 0 : 1,
    data: rows.map((r) => shown(kinds[key], r.values[key] ? r.values[key].value : null)),
    connectNulls: false,
    measure: key
  }));
  const twoAxes = counts.length > 0 && counts.length < keys.length;
  const chart = base(element, {
    legend: { bottom: 0, type: 'scroll' },
    xAxis: { type: 'category', data: categories, axisLabel: { hideOverlap: true } },
    yAxis: twoAxes ? [{ type: 'value', minInterval: 1 }, { type: 'value', splitLine: { show: false } }] : [{ type: 'value' }],
    series
  });
  chart.on('click', (p) => {
    const row = rows[p.dataIndex];
    const measure = series[p.seriesIndex].measure;
    const extra = { measure };
    if (byPeriod) {
      extra.from = row.from;
      extra.to = row.to;
    } else if (report.groupBy) {
      extra[report.groupBy] = row.key;
    }
    window.location.href = drill(element, extra);
  });
}

/** GET /api/reports/pareto: bars by count, a cumulative share line on the right axis. */
function pareto(element, data) {
  const none = element.dataset.none || '(none)';
  const labels = json(element, 'labels', {});
  const names = data.bars.map((b) => labels[b.key] || (b.key === '' ? none : b.key));
  const chart = base(element, {
    xAxis: { type: 'category', data: names, axisLabel: { rotate: names.length > 6 ? 30 : 0, hideOverlap: true } },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', max: 100, axisLabel: { formatter: '{value} %' }, splitLine: { show: false } }],
    legend: { bottom: 0 },
    series: [
      { name: element.dataset.countLabel || 'Tickets', type: 'bar', data: data.bars.map((b) => b.count) },
      { name: element.dataset.cumulativeLabel || 'Cumulative %', type: 'line', yAxisIndex: 1, data: data.bars.map((b) => Math.round(b.cumulative * 1000) / 10),
        markLine: { silent: true, symbol: 'none', label: { show: false }, data: [{ yAxis: 80 }] } }
    ]
  });
  chart.on('click', (p) => {
    window.location.href = drill(element, { [data.by]: data.bars[p.dataIndex].key });
  });
}

/** GET /api/reports/arrivals: weekday × hour. */
function arrivals(element, data) {
  const days = json(element, 'days', ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  const hours = [...Array(24).keys()].map((h) => `${h}`);
  const max = Math.max(1, ...data.cells.map((c) => c.count));
  const chart = base(element, {
    tooltip: { position: 'top' },
    grid: { left: 48, right: 16, top: 16, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: hours, splitArea: { show: true } },
    yAxis: { type: 'category', data: days, inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f0f6ff', '#1f6feb'] } },
    series: [{ type: 'heatmap', data: data.cells.map((c) => [c.hour, c.weekday - 1, c.count]), label: { show: false } }]
  });
  chart.on('click', (p) => {
    window.location.href = drill(element, { weekday: p.value[1] + 1, hour: p.value[0] });
  });
}

/** The satisfaction distribution of GET /api/reports/measures (measure satisfaction.distribution). */
function distribution(element, report) {
  const buckets = report.total.values['satisfaction.distribution'].buckets;
  const scores = ['1', '2', '3', '4', '5'];
  const chart = base(element, {
    xAxis: { type: 'category', data: scores },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: element.dataset.countLabel || 'Answers', type: 'bar', data: scores.map((s) => buckets[s]) }]
  });
  chart.on('click', (p) => {
    window.location.href = drill(element, { measure: 'satisfaction', score: scores[p.dataIndex] });
  });
}

/**
 * Two periods side by side (a frozen analysis): data = { series: [{ name, report }], keys, measure?, by? }.
 * With `measure`, the categories are `keys` of the reports' rows (causes, a dimension) and each bar that measure's
 * value in its period; without it, the categories are measures (rates) and each bar a period's total, in percent,
 * as horizontal bars so a dozen of them stay readable on a phone. A bar drills to its period's tickets.
 */
function compare(element, data) {
  const labels = json(element, 'labels', {});
  const names = json(element, 'categories', {});
  const none = element.dataset.none || '(none)';
  const keys = data.keys;
  const byRow = Boolean(data.measure);
  const cell = (report, key) => {
    if (byRow) {
      const row = report.rows.find((r) => r.key === key);
      return row && row.values[data.measure] ? row.values[data.measure].value : 0;
    }
    const info = report.measures.find((m) => m.key === key);
    const value = report.total.values[key];
    return info && value ? shown(info.kind, value.value) : null;
  };
  const categories = keys.map((k) => (byRow ? (k === '' ? none : names[k] || k) : labels[k] || k));
  const category = { type: 'category', data: categories, inverse: !byRow, axisLabel: byRow ? { hideOverlap: true } : { width: 120, overflow: 'truncate' } };
  const value = byRow ? { type: 'value', minInterval: 1 } : { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } };
  const option = {
    legend: { bottom: 0 },
    tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' } },
    xAxis: byRow ? category : value,
    yAxis: byRow ? value : category,
    series: data.series.map((s) => ({ name: s.name, type: 'bar', data: keys.map((k) => cell(s.report, k)) }))
  };
  if (!byRow) option.grid = { left: 8, right: 24, top: 8, bottom: 40, containLabel: true };
  const chart = base(element, option);
  chart.on('click', (p) => {
    const s = data.series[p.seriesIndex];
    const key = keys[p.dataIndex];
    const extra = { from: s.report.from, to: s.report.to, measure: byRow ? data.measure : key };
    if (byRow) extra[data.by] = key;
    window.location.href = drill(element, extra);
  });
}

const renderers = { measures, pareto, arrivals, distribution, compare };

export function render(element, data) {
  const renderer = renderers[element.dataset.chart];
  if (!renderer) throw new Error(`unknown chart ${element.dataset.chart}`);
  renderer(element, data);
}
