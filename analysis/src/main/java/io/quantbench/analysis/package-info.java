/**
 * The analysis of benchmark results: JMH JSON in; statistics with confidence intervals, speedups and
 * verdicts, tables, plots and an HTML report out. It knows nothing of kernels beyond format metadata.
 */
package io.quantbench.analysis;
