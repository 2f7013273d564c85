export { SeededRandom, createRandom } from './random.js';
export {
  generateVta,
  streamVta,
  vtaDatasetName,
  vtaKinds,
  type VtaKind,
  type VtaOptions,
  type VtaType,
} from './vta.js';
export {
  vtaUnivariateTypes,
  isVtaPointType,
  VTA_UNIVARIATE_LENGTH,
  type VtaUnivariateType,
} from './vta-univariate.js';
export {
  vtaMultivariateTypes,
  VTA_MULTIVARIATE_LENGTH,
  type VtaMultivariateType,
} from './vta-multivariate.js';
export {
  generateAnomllm,
  streamAnomllm,
  anomllmTypes,
  ANOMLLM_LENGTH,
  type AnomllmOptions,
  type AnomllmType,
} from './anomllm.js';
export { collectSplit, streamOfSplit, type DatasetItem, type StreamedSplit } from './streamed.js';
export { intervalsFromVector, pointsFromVector } from './vectors.js';
export { datasetStats, type DatasetStats } from './stats.js';
export { writeDatasetSplit, readDatasetSplit, datasetSplitPath } from './split-file.js';
export {
  readRats40k,
  parseRats40k,
  writeRats40k,
  saveRats40k,
  resolveRats40kFigure,
  rats40kToDatasetSplit,
  rats40kSplits,
  type Rats40kItem,
  type Rats40kProblem,
  type Rats40kReadOptions,
  type Rats40kReadResult,
  type Rats40kDocument,
  type Rats40kSplit,
} from './rats40k.js';
export {
  parseObservation,
  formatObservation,
  parseJsonAllowingNaN,
  type ParsedObservation,
} from './rats40k-observation.js';
