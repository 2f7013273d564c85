export {
  parsePromptFile,
  fillPrompt,
  type PromptTemplate,
  type PromptTask,
  type PromptAnswerFormat,
} from './template.js';
export { loadPrompt, listPrompts, defaultPromptsDir, type PromptDirOptions } from './load.js';
export {
  taxonomyText,
  contextBlock,
  candidatesBlock,
  seriesBlock,
  type PromptCandidate,
} from './blocks.js';
