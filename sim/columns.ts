/**
 * Data collection, kept out of the step (as Mesa's DataCollector): a table of named column reporters,
 * keyed by the data contract's column names, so a misspelled column is a compile error. The engine calls
 * every reporter of a model once per recorded month, after the month's accounting.
 */
import type { SeriesColumn } from './runData.js';

/** Reads one number for the month from a world (after `prepareMonth` has filled its statistics). */
export type ColumnReporter<W> = (world: W) => number;

/** A model's columns: every numeric column it has, in any order (output follows `SERIES_COLUMNS`). */
export type ColumnTable<W> = Partial<Record<Exclude<SeriesColumn, 'month' | 'regime'>, ColumnReporter<W>>>;
