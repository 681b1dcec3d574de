/**
 * Process indicators for managers (forskrift om ledelse og kvalitetsforbedring §6-9). Its first part,
 * {@code spc}, is statistical process control as pure code: run charts with the Anhøj rules, Shewhart
 * I (XmR), P and U charts with a frozen baseline, the "Making Data Count" verdict (variation and
 * assurance, explained in Norwegian) and Pareto charts.
 */
package no.carepath.metrics;
