export {
  ReviewStore,
  type StoredItem,
  type OpenStoreOptions,
  type NewEntry,
  type WriteOutcome,
} from './store.js';
export {
  startReviewServer,
  TOKEN_HEADER,
  type ReviewServer,
  type ReviewServerOptions,
} from './server.js';
export { loadReviewSources, readLabelsFile, type LoadReviewSourcesOptions } from './sources.js';
export {
  exportLabels,
  importLabels,
  importLabelsFile,
  chooseReviewer,
  exportFormats,
  type ExportFormat,
  type ExportOptions,
  type ExportResult,
  type ImportOptions,
} from './export.js';
export {
  cohenKappa,
  intervalAgreement,
  reviewerAgreement,
  formatAgreement,
  type AgreementStats,
  type ItemAgreement,
} from './agreement.js';
export {
  applyWrite,
  proposalFor,
  displayedLabel,
  disagreement,
  answerToLabel,
  normalLabel,
} from './actions.js';
export type {
  ReviewItemInput,
  ModelAnswer,
  HistoryEntry,
  CurrentLabel,
  ReviewStatus,
  ReviewAction,
  Rats40kMeta,
  WriteBody,
} from './types.js';
