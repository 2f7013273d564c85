export { escapeHtml, escapeMarkdown, escapeMarkdownInline, markdownCodeBlock } from './escape.js';
export { loadLabels, labelsFromJson } from './labels.js';
export {
  buildSeriesReport,
  type BuildReportInput,
  type SeriesReport,
  type ReportAnomaly,
  type ReportChannel,
  type ReportRun,
  type ReportScores,
} from './model.js';
export {
  renderReportImages,
  type ReportImages,
  type ReportImageOptions,
  type ZoomImage,
} from './images.js';
export {
  renderPlot,
  sliceSeries,
  zoomWindow,
  intervalsInWindow,
  basePresetFor,
  type PlotOptions,
  type PlotInterval,
  type PlotNumber,
} from './plots.js';
export { seriesReportHtml, type SeriesHtmlOptions } from './html.js';
export { seriesReportMarkdown, markdownTable, imageFiles } from './markdown.js';
export { indexHtml, type IndexEntry } from './index-page.js';
export {
  writeSeriesReports,
  type WriteSeriesReportsOptions,
  type WriteSeriesReportsResult,
  type WrittenReport,
  type FailedReport,
} from './series-report.js';
export {
  buildFailedSeries,
  failedReportHtml,
  failedReportMarkdown,
  type FailedSeries,
} from './failure.js';
export { writeRunReport, type WriteRunReportOptions, type RunReportFiles } from './run-report.js';
export { worstCases, type WorstCase } from './worst.js';
export { folderNames } from './names.js';
