/*
 * The managers' charts (/app/metrics), drawn with Apache ECharts from the data the page carries:
 * - #chart with #chart-data (JSON): the SPC chart of one indicator: values, centre line, control limits
 *   (stepped, as they vary with the denominator), the target, points outside the limits in red and an
 *   unusually long run (Anhøj) marked;
 * - .spark[data-values]: the overview's sparklines;
 * - .pareto-chart[data-pareto]: Pareto charts: bars sorted, cumulative share as a line, the 80 % line.
 * No inline script or style: the pages' Content-Security-Policy forbids them. The same numbers are in
 * a table beside every chart, for screen readers and for checking.
 */
(function () {
  'use strict';

  var BLUE = '#1a5fb4';
  var GREY = '#5b6570';
  var RED = '#b3261e';
  var ORANGE = '#b35900';
  var GREEN = '#2e7d32';

  function format(value, data) {
    if (value === null || value === undefined || isNaN(value)) {
      return '–';
    }
    if (data.share) {
      return (value * 100).toLocaleString('nb-NO', {maximumFractionDigits: 1}) + ' %';
    }
    return value.toLocaleString('nb-NO', {maximumFractionDigits: 2}) + ' ' + data.unit;
  }

  function controlChart(element, data) {
    var chart = echarts.init(element, null, {renderer: 'canvas', locale: 'EN'});
    element.chart = chart;
    var scale = data.share ? 100 : 1;
    function scaled(list) {
      return list.map(function (v) { return v === null || v === undefined ? null : v * scale; });
    }
    var values = scaled(data.values);
    var points = values.map(function (v, i) {
      var inRun = data.runStart !== null && i >= data.runStart && i <= data.runEnd;
      var colour = data.outside[i] ? RED : inRun ? ORANGE : BLUE;
      return {value: v, itemStyle: {color: colour}, symbolSize: data.outside[i] || inRun ? 9 : 6};
    });
    var centre = data.centre === null ? null : data.centre * scale;
    var series = [
      {name: data.name, type: 'line', data: points, symbol: 'circle', connectNulls: false,
        lineStyle: {color: BLUE, width: 2}, z: 3},
      {name: 'Senterlinje', type: 'line', data: values.map(function () { return centre; }), symbol: 'none',
        lineStyle: {color: GREY, width: 1.5}},
      {name: 'Øvre kontrollgrense', type: 'line', step: 'middle', data: scaled(data.upper), symbol: 'none',
        lineStyle: {color: GREY, type: 'dashed', width: 1}},
      {name: 'Nedre kontrollgrense', type: 'line', step: 'middle', data: scaled(data.lower), symbol: 'none',
        lineStyle: {color: GREY, type: 'dashed', width: 1}}
    ];
    if (data.target !== null && data.target !== undefined) {
      series.push({name: 'Mål', type: 'line', data: values.map(function () { return data.target * scale; }),
        symbol: 'none', lineStyle: {color: GREEN, type: 'dotted', width: 2}});
    }
    if (data.baseline > 0 && data.baseline < values.length) {
      series[0].markLine = {symbol: 'none', silent: true, label: {formatter: 'Grunnlinje slutter'},
        lineStyle: {color: GREY, type: 'solid'}, data: [{xAxis: data.baseline - 0.5}]};
    }
    chart.setOption({
      animation: false,
      aria: {enabled: true},
      grid: {left: 64, right: 24, top: 40, bottom: 72},
      legend: {top: 0, textStyle: {color: '#222'}},
      tooltip: {trigger: 'axis', renderMode: 'richText', valueFormatter: function (v) {
        return v === null || v === undefined ? '–' : format(v / scale, data);
      }},
      xAxis: {type: 'category', data: data.labels, axisLabel: {rotate: 45, color: '#222'}},
      yAxis: {type: 'value', name: data.share ? '%' : data.unit, min: data.share ? 0 : null,
        axisLabel: {color: '#222'}},
      series: series
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function sparkline(element) {
    var values = JSON.parse(element.getAttribute('data-values'));
    var chart = echarts.init(element, null, {renderer: 'canvas'});
    element.chart = chart;
    chart.setOption({
      animation: false,
      grid: {left: 2, right: 2, top: 4, bottom: 4},
      xAxis: {type: 'category', show: false, data: values.map(function (v, i) { return i; })},
      yAxis: {type: 'value', show: false, scale: true},
      series: [{type: 'line', data: values, symbol: 'none', connectNulls: false, lineStyle: {color: BLUE, width: 1.5}}]
    });
  }

  function pareto(element) {
    var data = JSON.parse(element.getAttribute('data-pareto'));
    var chart = echarts.init(element, null, {renderer: 'canvas'});
    element.chart = chart;
    chart.setOption({
      animation: false,
      aria: {enabled: true},
      grid: {left: 56, right: 56, top: 32, bottom: 110},
      tooltip: {trigger: 'axis', renderMode: 'richText'},
      xAxis: {type: 'category', data: data.categories, axisLabel: {rotate: 30, interval: 0, color: '#222'}},
      yAxis: [{type: 'value', name: 'Antall', axisLabel: {color: '#222'}},
        {type: 'value', name: 'Samlet', min: 0, max: 100, axisLabel: {formatter: '{value} %', color: '#222'}}],
      series: [
        {name: 'Antall', type: 'bar', data: data.counts, itemStyle: {color: BLUE}},
        {name: 'Samlet andel', type: 'line', yAxisIndex: 1, symbol: 'circle',
          data: data.cumulative.map(function (v) { return Math.round(v * 1000) / 10; }),
          lineStyle: {color: ORANGE}, itemStyle: {color: ORANGE},
          markLine: {symbol: 'none', silent: true, label: {formatter: '80 %'}, lineStyle: {color: RED, type: 'dashed'},
            data: [{yAxis: 80}]}}
      ]
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var chart = document.getElementById('chart');
    var source = document.getElementById('chart-data');
    if (chart && source) {
      controlChart(chart, JSON.parse(source.textContent));
    }
    Array.prototype.forEach.call(document.querySelectorAll('.spark[data-values]'), sparkline);
    Array.prototype.forEach.call(document.querySelectorAll('.pareto-chart[data-pareto]'), pareto);
  });
}());
