/** The recognition contract (intents, topics, entities, the confidence threshold), whole. */
export * from './intents';
export { intentOf, recognize, textLanguage, trainedModel, trainModel } from './recognizer';
export { isQuestion } from './question';
