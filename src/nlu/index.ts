export {
  CONFIDENCE_THRESHOLD,
  FAQ_TOPICS,
  INTENTS,
  type Entities,
  type FaqTopic,
  type Intent,
  type Recognition,
} from './intents';
export { recognize, textLanguage, trainedModel, trainModel } from './recognizer';
export { isQuestion } from './question';
