// The evidence report's timeline: decisions per day, the suspended periods, and the events between.
// The data comes from the page (data-chart), so that the page needs no inline script.
(function () {
  'use strict';
  var element = document.getElementById('timeline');
  if (!element || typeof echarts === 'undefined') {
    return;
  }
  var data = JSON.parse(element.getAttribute('data-chart'));
  // SVG keeps the chart sharp on paper.
  var chart = echarts.init(element, null, { renderer: 'svg' });
  var day = 24 * 3600 * 1000;
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    grid: { left: 56, right: 24, top: 48, bottom: 48 },
    legend: { top: 0, data: ['PERMIT', 'DENY'] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time', min: data.from, max: data.to, minInterval: day },
    yAxis: [{ type: 'value', name: 'decisions', minInterval: 1 },
            { type: 'value', min: 0, max: 5, show: false }],
    series: [
      { name: 'PERMIT', type: 'bar', stack: 'decisions', data: data.permit, itemStyle: { color: '#2d6a4f' },
        barMaxWidth: 24,
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(157, 2, 8, 0.12)' },
          label: { color: '#7a0010', position: 'insideTop' },
          data: data.suspended.map(function (p) { return [{ name: p.label, xAxis: p.from }, { xAxis: p.to }]; })
        } },
      { name: 'DENY', type: 'bar', stack: 'decisions', data: data.deny, itemStyle: { color: '#9d0208' },
        barMaxWidth: 24 },
      // Events as numbered pins on their own scale, staggered so that neighbours stay readable; the
      // table under the chart says what each number is.
      { name: 'events', type: 'scatter', yAxisIndex: 1, symbol: 'pin', symbolSize: 26,
        itemStyle: { color: '#1d3557' },
        label: { show: true, formatter: function (p) { return p.value[2]; }, color: '#fff', fontSize: 10 },
        // ECharts renders a tooltip as HTML: the labels carry names people typed (a regulator's), so escape.
        tooltip: { trigger: 'item',
          formatter: function (p) { return p.value[2] + '. ' + echarts.format.encodeHTML(p.value[3]); } },
        data: data.events.map(function (e, i) { return [e.at, 1 + (i % 4), e.n, e.label]; }) }
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });
  window.addEventListener('beforeprint', function () { chart.resize(); });
}());
